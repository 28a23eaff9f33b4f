"""End-to-end tests and screenshots in headless Debian Chromium driven by Playwright."""
