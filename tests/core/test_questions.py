"""Questions on figures (issue 20, item 4): asked by the secretariat or a committee member about one figure,
answered once by the unit's own staff, listed open on Việc cần làm; every question and answer audited."""

from datetime import date, datetime

import pytest

from core import questions
from core.auth import User
from screens import questions as screens_questions
from screens import todo
from tests.support.accounts import ensure_account
from tests.support.desk import submit
from tests.support.forms import UNIT, make_form

PLAN, PERIOD = "lang-son-2023", "2023Q2"
ASKED, ANSWERED = datetime(2023, 6, 20, 9, 0), datetime(2023, 6, 21, 15, 30)
DINH_LAP = User("canbo.dinhlap", "Cán Bộ Đình Lập", "unit_staff", ("189",))


def test_a_question_on_a_figure_is_answered_by_its_unit(db, tmp_path):
    submit(db, make_form(db, tmp_path))
    member = ensure_account(db, "committee")
    with pytest.raises(questions.QuestionError, match="Hãy viết"):
        questions.ask(db, member, UNIT, PERIOD, "KT02", "   ", ASKED)
    asked = questions.ask(db, member, UNIT, PERIOD, "KT02", "Vì sao số cơ sở được kiểm tra tăng gấp đôi?", ASKED)
    (question,) = questions.questions(db, [PERIOD], [UNIT])
    assert (question.question_id, question.value, question.is_open) == (asked, 13, True)

    (line,) = screens_questions.unit_questions(db, PLAN, UNIT, PERIOD)
    assert line.asked == (
        "KT02 — Số cơ sở đã được kiểm tra (lũy kế từ đầu năm) = 13 — hỏi lúc 20/06/2023 09:00 (thanhvien): "
        "Vì sao số cơ sở được kiểm tra tăng gấp đôi?"
    )
    assert line.answered == "Chưa trả lời."
    summary, table = (
        todo.todo_page(db, PLAN, date(2023, 6, 22)).questions_summary,
        todo.todo_page(db, PLAN, date(2023, 6, 22)).questions,
    )
    assert summary == "1 câu hỏi chưa được trả lời."
    assert table.iloc[0].tolist()[:3] == ["Huyện Cao Lộc", "Quý II năm 2023", line.asked.split(" = ")[0]]

    with pytest.raises(PermissionError):  # another unit's clerk
        questions.answer(db, DINH_LAP, asked, "Không phải đơn vị tôi", ANSWERED)
    with pytest.raises(PermissionError):  # the secretariat does not answer for the unit
        questions.answer(db, ensure_account(db, "secretariat"), asked, "Thay mặt", ANSWERED)
    clerk = ensure_account(db, "unit_staff")
    questions.answer(db, clerk, asked, "Đoàn liên ngành kiểm tra thêm 6 cơ sở trong tháng 5.", ANSWERED)
    with pytest.raises(questions.QuestionError, match="đã được trả lời"):
        questions.answer(db, clerk, asked, "Lần nữa", ANSWERED)
    (line,) = screens_questions.year_questions(db, PLAN, UNIT, clerk)
    assert line.answered == (
        "Trả lời lúc 21/06/2023 15:30 (canbo.caoloc): Đoàn liên ngành kiểm tra thêm 6 cơ sở trong tháng 5."
    )
    assert todo.todo_page(db, PLAN, date(2023, 6, 22)).questions_summary == "Không có câu hỏi nào đang chờ trả lời."
    with pytest.raises(PermissionError):
        screens_questions.year_questions(db, PLAN, UNIT, DINH_LAP)
    with db.cursor() as cur:
        logged = cur.execute("SELECT action, actor FROM audit_log WHERE entity = 'question' ORDER BY 1").fetchall()
    assert logged == [("answer", "canbo.caoloc"), ("ask", "thanhvien")]


def test_a_units_clerk_cannot_ask(db, tmp_path):
    with pytest.raises(PermissionError):
        questions.ask(db, ensure_account(db, "unit_staff"), UNIT, PERIOD, "KT02", "Câu hỏi", ASKED)


def test_a_commune_eras_figures_are_named_as_its_forms_name_them(demo):
    figures = screens_questions.figure_choices(demo, "lang-son-2026")
    assert "thị trấn" not in figures["TT01"] and "đặc khu" in figures["TT01"]
    assert "thị trấn" in screens_questions.figure_choices(demo, PLAN)["TT01"]
