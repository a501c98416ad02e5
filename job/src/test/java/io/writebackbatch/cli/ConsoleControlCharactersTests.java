package io.writebackbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/**
 * Issue 21 (names escaped): the plain console log and what the commands print replace
 * every control character with U+FFFD; a log message's line breaks too, while the
 * terminal passes line ends (it cannot tell the program's from a name's) and tabs.
 */
class ConsoleControlCharactersTests {

	static final String HOSTILE = "a\u001b[2Jb\rc\nd\u009be\u2028f\tg";

	@Test
	void thePlainLogPatternReplacesEveryControlCharacterOfAMessage() throws Exception {
		String pattern = (String) new YamlPropertySourceLoader()
			.load("defaults", new ClassPathResource("application.yaml"))
			.get(0)
			.getProperty("logging.pattern.console");
		LoggerContext context = new LoggerContext();
		PatternLayout layout = new PatternLayout();
		layout.setContext(context);
		layout.setPattern(pattern);
		layout.start();
		LoggingEvent event = new LoggingEvent(getClass().getName(), context.getLogger("x"), Level.INFO,
				"run of definition '{}'", null, new Object[] { HOSTILE });

		String line = layout.doLayout(event);

		assertThat(line).endsWith(" INFO  run of definition 'a\uFFFD[2Jb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\tg'\n");
	}

	@Test
	void whatACommandPrintsHasNoControlCharacterFromItsInput() {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int code = WritebackCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), "plan", "--definition",
				"jobs/a\u001b[2Jb\rc\u009bd\u2028e\tf.yaml");

		assertThat(code).isEqualTo(2);
		assertThat(err.toString()).contains("jobs/a\uFFFD[2Jb\uFFFDc\uFFFDd\uFFFDe\tf.yaml")
			.doesNotContain("\u001b")
			.doesNotContain("\r")
			.doesNotContain("\u009b");
	}

}
