package io.writebackbatch.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own chromedriver (both named explicitly,
 * so Selenium Manager downloads nothing); {@code .ci/run} installs them when missing.
 */
public final class HeadlessChromium implements AutoCloseable {

	public static final Path BROWSER = Path.of("/usr/bin/chromium");

	public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	public final ChromeDriver driver;

	public HeadlessChromium(Path profile, int width, int height) throws IOException {
		Files.createDirectories(profile);
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BROWSER.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(),
				"--window-size=" + width + "," + height);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		driver = new ChromeDriver(service, options);
		driver.manage().window().setSize(new Dimension(width, height));
	}

	/**
	 * Opens {@code page} and waits until its script says it is ready; returns that
	 * moment, in ms after navigation.
	 */
	public double open(Path page, Duration timeout) {
		driver.get(page.toUri().toString());
		new WebDriverWait(driver, timeout).until(d -> "true".equals(
				((JavascriptExecutor) d).executeScript("return document.documentElement.getAttribute('data-ready')")));
		return ((Number) driver.executeScript("return window.reportReadyMs")).doubleValue();
	}

	public void screenshot(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		File shot = driver.getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
	}

	@Override
	public void close() {
		driver.quit();
	}

}
