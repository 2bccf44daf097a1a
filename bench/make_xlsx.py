#!/usr/bin/env python3
"""Writes the benchmark's CSV export as an .xlsx workbook, as Google Sheets or Microsoft Forms
would hand it over: one sheet, shared strings, the timestamp a date cell with a date style,
whole numbers as numbers. openpyxl's write-only mode streams, so the workbook's size does not
matter to this script's memory.

    python3 bench/make_xlsx.py export-100000.csv export-100000.xlsx
"""
import csv
import datetime
import re
import sys

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

source, target = sys.argv[1], sys.argv[2]
# Google Forms: "2025/03/12 9:00:37 AM CET"; the zone has no place in a date cell.
stamp = re.compile(r"^(\d{4})/(\d{2})/(\d{2}) (\d{1,2}):(\d{2}):(\d{2}) ([AP]M)(?: \S+)?$")
number = re.compile(r"^-?\d{1,15}$")

workbook = Workbook(write_only=True)
sheet = workbook.create_sheet("Form responses 1")


def cell(text):
    match = stamp.match(text)
    if match:
        year, month, day, hour, minute, second, half = match.groups()
        hour = int(hour) % 12 + (12 if half == "PM" else 0)
        value = WriteOnlyCell(sheet, datetime.datetime(int(year), int(month), int(day), hour, int(minute), int(second)))
        value.number_format = "yyyy-mm-dd hh:mm:ss"
        return value
    if number.match(text):
        return int(text)
    if text.startswith("="):
        # openpyxl would write it as a formula (with no cached value); respondents' text is text.
        value = WriteOnlyCell(sheet, text)
        value.data_type = "s"
        return value
    return text if text != "" else None


with open(source, newline="", encoding="utf-8") as handle:
    rows = csv.reader(handle)
    sheet.append(next(rows))
    for row in rows:
        sheet.append([cell(text) for text in row])
workbook.save(target)
