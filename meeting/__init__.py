"""The meeting pack: its content, the PDF and the PowerPoint slides."""
