"""The report: a picture of the news drawn from the marts."""
