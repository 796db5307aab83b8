"""E-mail about the reporting cycle (issue 20, item 3): what is due to whom on a day (`due`), the letters in
Vietnamese (`letters`), and recording then sending them (`send`). Transport and record: core/mail.py and
core/outbox.py."""
