"""Drives `samla serve` in real headless Chromium (phone emulation) on a survey with notes: the
conditional note (role b and not size >= 50) must show and hide at once as real taps and typing
change the answers, its section heading with it, the shown field must list questions only, and
the note's text must stay text. Then the form is sent.

Usage: conditional_note.py BASE_URL
Prints one JSON line of what it checked; exits non-zero (with the reason) on any failure.
"""
import json
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from phone import check, phone_driver

BASE = sys.argv[1].rstrip("/")

driver = phone_driver()


def click(css):
    element = driver.find_element(By.CSS_SELECTOR, css)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def shown_field():
    return driver.execute_script("return document.querySelector('input[name=shown]').value")


result = {"steps": []}
try:
    driver.get(BASE + "/")
    check(driver.execute_script("return document.documentElement.classList.contains('js')"), "form.js did not run")
    welcome = driver.find_element(By.ID, "n-welcome")
    check(welcome.is_displayed(), "the first note is not shown")
    check("Welcome <b>all</b> & thanks" in welcome.text, "the note's text is not shown as text: %r" % welcome.text)
    check(not driver.find_elements(By.CSS_SELECTOR, "#n-welcome b"), "the note's text became markup")
    note = driver.find_element(By.ID, "n-region-note")
    size = driver.find_element(By.ID, "i-size")
    steps = [
        (lambda: None, False, "nothing answered"),
        (lambda: click("#c-role-1"), True, "role b"),
        (lambda: size.send_keys("60"), False, "size 60"),
        (lambda: (size.clear(), size.send_keys("4")), True, "size 4"),
        (lambda: click("#c-role-0"), False, "role a"),
        (lambda: click("#c-role-1"), True, "role b again"),
    ]
    for act, visible, name in steps:
        act()
        driver.execute_script("document.querySelector('form').dispatchEvent(new Event('input', {bubbles: true}));")
        check(note.is_displayed() == visible, "after %s the regional note is %s" % (name, "shown" if note.is_displayed() else "hidden"))
        check(driver.find_element(By.ID, "n-goodbye").is_displayed(), "the last note hid after %s" % name)
        check(shown_field().split(" ") == ["role", "size", "plans"], "the shown field says %r after %s" % (shown_field(), name))
        result["steps"].append(name)
    heading = driver.find_element(By.CSS_SELECTOR, "h2.section")
    check(heading.is_displayed(), "the section heading hid while its question shows")
    driver.find_element(By.ID, "i-plans").send_keys("Grow <i>fast</i>")
    click("button.send")
    WebDriverWait(driver, 10).until(lambda d: "thanks" in d.current_url)
    result["sent"] = True
finally:
    driver.quit()
print(json.dumps(result))
