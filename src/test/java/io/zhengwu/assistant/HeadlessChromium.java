package io.zhengwu.assistant;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver, for tests of the app's pages.
 * Both binaries are named explicitly so that Selenium Manager never tries to download a browser
 * or a driver (the machine has no internet). Each instance gets a fresh, throw-away profile.
 *
 * <pre>
 * try (HeadlessChromium chromium = HeadlessChromium.phone()) {
 *     chromium.open("http://127.0.0.1:" + port + "/");
 *     chromium.waitFor(By.cssSelector(".bubble"));
 *     chromium.screenshot("chat-phone");
 * }
 * </pre>
 *
 * <p>Override the binaries with the system properties {@code chromium.binary} and
 * {@code chromedriver.binary}.
 */
public final class HeadlessChromium implements AutoCloseable {

	/** How long {@link #waitUntil} waits by default: generous, as a 2-core CI machine is slow. */
	public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final ChromeDriver driver;

	private final Path profile;

	private HeadlessChromium(int width, int height) {
		try {
			this.profile = Files.createTempDirectory("chromium-profile-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-quic", "--no-first-run", "--no-default-browser-check", "--lang=zh-CN",
				"--window-size=" + width + "," + height, "--user-data-dir=" + this.profile.toAbsolutePath());
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")))
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		// The window size includes the browser's frame; grow it so the page's viewport is the asked size.
		this.driver.manage().window().setSize(new Dimension(width, height));
		long innerWidth = (Long) this.driver.executeScript("return window.innerWidth");
		long innerHeight = (Long) this.driver.executeScript("return window.innerHeight");
		this.driver.manage()
			.window()
			.setSize(new Dimension(width + (width - (int) innerWidth), height + (height - (int) innerHeight)));
		this.driver.manage().timeouts().pageLoadTimeout(DEFAULT_WAIT);
	}

	/** A browser with a phone-sized window (390×844 CSS pixels, an iPhone 12–15). */
	public static HeadlessChromium phone() {
		return new HeadlessChromium(390, 844);
	}

	/** A browser with a PC-sized window (1280×800). */
	public static HeadlessChromium desktop() {
		return new HeadlessChromium(1280, 800);
	}

	/** A browser with a window of the given size in CSS pixels. */
	public static HeadlessChromium sized(int width, int height) {
		return new HeadlessChromium(width, height);
	}

	/** The underlying WebDriver, for anything this class does not wrap. */
	public WebDriver driver() {
		return this.driver;
	}

	/** Opens a URL and waits until the page has loaded. */
	public void open(String url) {
		this.driver.get(url);
	}

	/** Waits until an element is visible and returns it. */
	public WebElement waitFor(By locator) {
		return waitUntil(ExpectedConditions.visibilityOfElementLocated(locator));
	}

	/**
	 * Polls a condition until it returns something non-null and non-false, or fails with a
	 * {@link org.openqa.selenium.TimeoutException} after {@link #DEFAULT_WAIT}. Elements that go
	 * stale while polled are looked up again.
	 */
	public <T> T waitUntil(Function<? super WebDriver, T> condition) {
		return waitUntil(condition, DEFAULT_WAIT);
	}

	/** As {@link #waitUntil(Function)} with a given timeout. */
	public <T> T waitUntil(Function<? super WebDriver, T> condition, Duration timeout) {
		// A page that re-renders replaces elements while they are polled: look again rather than fail.
		return new WebDriverWait(this.driver, timeout, Duration.ofMillis(100))
			.ignoring(StaleElementReferenceException.class)
			.until(condition);
	}

	/** Runs a script in the page and returns its result. */
	public Object script(String javascript, Object... args) {
		return this.driver.executeScript(javascript, args);
	}

	/** Saves a PNG of the viewport to {@code target/screenshots/<name>.png} and returns its path. */
	public Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path file = SCREENSHOTS.resolve(name + ".png");
			Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Quits the browser and the driver and deletes the profile. */
	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			deleteProfile();
		}
	}

	private void deleteProfile() {
		try (Stream<Path> files = Files.walk(this.profile)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			// A profile left in /tmp is harmless; the test result does not depend on it.
		}
	}

	/** A locator by CSS selector, to spare callers an import. */
	public static By css(String selector) {
		return By.cssSelector(selector);
	}

}
