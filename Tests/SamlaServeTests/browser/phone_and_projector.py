"""Drives `samla serve` in real headless Chromium: a phone-sized participant (mobile emulation,
since a headless window is at least 500 px wide) with JavaScript and one without, and the
projector page watching for the new count without a reload.

Usage: phone_and_projector.py BASE_URL SCREENSHOT_DIR
Prints one JSON line of what it measured; exits non-zero (with the reason) on any failure.
"""
import json
import sys
import time

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

BASE, SHOTS = sys.argv[1].rstrip("/"), sys.argv[2]


def chrome(phone, javascript=True):
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--no-first-run", "--disable-extensions", "--lang=sv-SE"):
        options.add_argument(flag)
    if phone and javascript:
        options.add_experimental_option("mobileEmulation", {
            "deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2.0, "touch": True},
            "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126 Mobile Safari/537.36",
        })
    elif not phone:
        options.add_argument("--window-size=1600,1000")
    options.binary_location = "/usr/bin/chromium"
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(20)
    driver.set_script_timeout(10)
    if not javascript:
        # The page's scripts never run (DevTools' switch; Chrome's content setting would also stop
        # the driver's own commands). A phone's viewport the same way: mobile emulation's touch
        # clicks wait for scripts.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    driver.javascript = javascript
    return driver


def step(text):
    print("browser: " + text, file=sys.stderr, flush=True)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def click(driver, css):
    element = driver.find_element(By.CSS_SELECTOR, css)
    if driver.javascript:
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()
    return element


def submit_and_wait(driver, css="button.send"):
    """Presses a submit button and waits for the next page to have loaded."""
    old = driver.find_element(By.TAG_NAME, "html")
    click(driver, css)

    def next_page_loaded(d):
        try:
            old.get_attribute("lang")
            return False
        except WebDriverException:   # stale: the next page has replaced it
            pass
        try:
            return d.find_element(By.TAG_NAME, "body") is not None
        except WebDriverException:
            return False
    WebDriverWait(driver, 10).until(next_page_loaded)


def shown_count(driver):
    """The projector's count; read in one script call, as each event replaces the element."""
    text = driver.execute_script("var c = document.getElementById('count'); return c ? c.textContent : '';")
    return int(text) if text and text.strip().isdigit() else -1


def fieldset_error(driver, question):
    errors = driver.find_elements(By.CSS_SELECTOR, "#q-%s p.error" % question)
    return errors[0].text if errors else ""


result = {}
projector = chrome(phone=False)
phone = chrome(phone=True)
try:
    # The projector, open before anyone answers; a marker shows the page is never reloaded.
    projector.get(BASE + "/live")
    WebDriverWait(projector, 10).until(lambda d: shown_count(d) >= 0)
    before = shown_count(projector)
    projector.execute_script("window.__notReloaded = 'yes';")
    check(projector.find_elements(By.CSS_SELECTOR, ".qr svg"), "no QR code on the projector")

    # The phone: a narrow viewport, then the language switch keeps the page's answers.
    phone.get(BASE + "/")
    width = phone.execute_script("return window.innerWidth")
    check(width <= 400, "the phone viewport is %s px wide" % width)
    result["phone_width"] = width
    check(phone.find_element(By.TAG_NAME, "html").get_attribute("lang") == "sv", "Swedish first")
    check(phone.execute_script("return document.documentElement.classList.contains('js')"), "form.js did not run")
    click(phone, "#c-focus-0")
    submit_and_wait(phone, "button[value='lang:en']")
    check(phone.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "the switch to English")
    check("What would you like to focus on?" in phone.page_source, "English question text")
    check(phone.find_element(By.ID, "c-focus-0").is_selected(), "the answer survived the language switch")

    # Every question type; show_if opens the follow-up at once, with no round trip.
    click(phone, "#c-role-other")
    phone.find_element(By.ID, "o-role").send_keys("Folkbildning <b>&</b>")
    click(phone, "#c-focus-1")
    follow_up = phone.find_element(By.ID, "q-entry-point")
    check(not follow_up.is_displayed(), "the follow-up shows before its condition holds")
    click(phone, "#c-collaboration-4")
    check(follow_up.is_displayed(), "show_if did not open the follow-up")
    click(phone, "#c-collaboration-2")
    check(not follow_up.is_displayed(), "show_if did not close the follow-up again")
    click(phone, "#c-collaboration-5")
    click(phone, "#c-entry-point-0")
    phone.find_element(By.ID, "i-people").send_keys("12")
    phone.find_element(By.ID, "i-ideas").send_keys("<script>alert(1)</script> Fler samtal mellan kommunerna")
    phone.find_element(By.ID, "i-email").send_keys("anna@example.se")
    # A focused control is reachable from the keyboard (tab order reaches the send button).
    check(phone.find_element(By.CSS_SELECTOR, "button.send").is_enabled(), "send button")
    phone.execute_script("window.scrollTo(0, 0)")
    phone.save_screenshot(SHOTS + "/phone-form.png")

    submitted = time.monotonic()
    submit_and_wait(phone)
    check("Thank you" in phone.page_source, "no thank-you: " + phone.page_source[:600])

    # The projector shows the new count within a second, without a reload.
    deadline = submitted + 5
    while time.monotonic() < deadline:
        if shown_count(projector) == before + 1:
            break
        time.sleep(0.02)
    seen = time.monotonic() - submitted
    check(shown_count(projector) == before + 1, "the projector never showed the new count")
    check(projector.execute_script("return window.__notReloaded") == "yes", "the projector reloaded")
    result["projector_update_seconds"] = round(seen, 3)
    check(seen < 1.0, "the projector took %.2f s" % seen)
    check("<script>" not in projector.find_element(By.ID, "board").get_attribute("innerHTML"), "markup on the projector")
    time.sleep(0.3)
    projector.save_screenshot(SHOTS + "/projector.png")
    step("projector updated in %.3f s" % seen)
finally:
    phone.quit()

# Without JavaScript: the server validates beside the question and re-renders for show_if.
step("without JavaScript")
plain = chrome(phone=True, javascript=False)
try:
    plain.get(BASE + "/")
    step("page loaded")
    check("js" not in (plain.find_element(By.TAG_NAME, "html").get_dom_attribute("class") or ""), "JavaScript ran")
    check(plain.find_element(By.ID, "q-entry-point").get_dom_attribute("hidden") is not None, "the follow-up shows before its condition holds")
    check(plain.find_elements(By.CSS_SELECTOR, "button.update"), "no Update button without JavaScript")
    click(plain, "#c-collaboration-3")
    step("sending without the required answer")
    submit_and_wait(plain)
    step("re-rendered")
    check('<p class="error" id="e-role">' in plain.page_source, "no error beside the required question")
    check(plain.find_element(By.ID, "q-entry-point").get_dom_attribute("hidden") is None, "the server did not open the follow-up")
    check(plain.find_element(By.ID, "c-collaboration-3").is_selected(), "the answer was lost")
    click(plain, "#c-role-1")
    click(plain, "#c-entry-point-1")
    submit_and_wait(plain)
    check("Tack" in plain.page_source, "no thank-you without JavaScript: " + plain.page_source[:400])
    result["no_javascript"] = "stored"
finally:
    plain.quit()

WebDriverWait(projector, 5).until(lambda d: shown_count(d) == before + 2)
projector.quit()
result["count_after"] = before + 2
print(json.dumps(result))
