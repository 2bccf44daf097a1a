"""Drives `samla serve` in real headless Chromium (phone emulation) on a survey whose follow-up has
a `show_if` with any / all / not: for every case the Swift test worked out with `Survey.isShown`,
form.js must show or hide the follow-up at once; then real taps answer and send the form.

Usage: compound_show_if.py BASE_URL CASES.json
CASES.json: [{"role": "a" | null, "topics": ["y", ...], "size": "10" | "", "shown": true}, ...]
Prints one JSON line of what it checked; exits non-zero (with the reason) on any failure.
"""
import json
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from phone import check, phone_driver

BASE, CASES = sys.argv[1].rstrip("/"), json.load(open(sys.argv[2], encoding="utf-8"))

driver = phone_driver()

# Sets the answers the condition looks at, as a participant would leave them, and lets form.js react
# to the change event the page's controls send.
SET_ANSWERS = """
var form = document.querySelector("form"), c = arguments[0];
form.querySelectorAll("input[name='a:role'], input[name='a:topics']").forEach(function (i) { i.checked = false; });
if (c.role) form.querySelector("input[name='a:role'][value='" + c.role + "']").checked = true;
c.topics.forEach(function (t) { form.querySelector("input[name='a:topics'][value='" + t + "']").checked = true; });
document.getElementById("i-size").value = c.size;
form.dispatchEvent(new Event("change", {bubbles: true}));
return [document.getElementById("q-follow").hidden, form.querySelector("input[name=shown]").value,
        form.querySelector("h2.section[data-questions='follow']").hidden];
"""


def click(css):
    element = driver.find_element(By.CSS_SELECTOR, css)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


result = {}
try:
    driver.get(BASE + "/")
    check(driver.execute_script("return document.documentElement.classList.contains('js')"), "form.js did not run")
    follow = driver.find_element(By.ID, "q-follow")
    check(not follow.is_displayed(), "the follow-up shows before its condition holds")
    for case in CASES:
        hidden, shown_field, heading_hidden = driver.execute_script(SET_ANSWERS, case)
        check(heading_hidden == hidden, "the follow-up's section heading does not go with it for %s" % json.dumps(case))
        check(hidden == (not case["shown"]), "form.js %s the follow-up for %s" % ("hid" if hidden else "showed", json.dumps(case)))
        check(("follow" in shown_field.split(" ")) == case["shown"], "the shown field says %r for %s" % (shown_field, json.dumps(case)))
        check(follow.is_displayed() == case["shown"], "displayed does not follow hidden for %s" % json.dumps(case))
    result["cases"] = len(CASES)

    # Real taps and typing: Why opens it, a size of 60 closes it, Beta opens it again.
    driver.get(BASE + "/")
    follow = driver.find_element(By.ID, "q-follow")
    click("#c-topics-1")
    check(follow.is_displayed(), "topics y with no size did not open the follow-up")
    driver.find_element(By.ID, "i-size").send_keys("60")
    check(not follow.is_displayed(), "a size of 60 did not close the follow-up")
    click("#c-role-1")
    check(follow.is_displayed(), "role b did not open the follow-up")
    driver.find_element(By.ID, "i-follow").send_keys("Because <b>beta</b>")
    click("button.send")
    WebDriverWait(driver, 10).until(lambda d: "thanks" in d.current_url)
    result["sent"] = True
finally:
    driver.quit()
print(json.dumps(result))
