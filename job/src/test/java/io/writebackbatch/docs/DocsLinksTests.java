package io.writebackbatch.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.writebackbatch.cli.WritebackCli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The documentation holds together: every relative link between README.md, CHANGELOG.md
 * and the pages under docs/ leads to a file (and a heading, when it names one), every
 * page is reachable from the README, and every command shown in the guides' code blocks
 * is one the CLI has, with options it has.
 */
class DocsLinksTests {

	/** {@code java -jar <jar> <command> ...} or {@code writeback-batch <command> ...}. */
	private static final Pattern COMMAND = Pattern
		.compile("(?:java -jar \\S+|^\\s*(?:\\$ )?writeback-batch)\\s+([a-z][a-z-]*)(.*)");

	private final List<MarkdownPage> pages = MarkdownPage.all();

	private final Map<Path, MarkdownPage> byFile = this.pages.stream()
		.collect(Collectors.toMap(MarkdownPage::file, Function.identity()));

	@Test
	void everyRelativeLinkLeadsToAFileAndItsHeading() {
		List<String> broken = new ArrayList<>();
		for (MarkdownPage page : this.pages) {
			for (MarkdownPage.Link link : page.links()) {
				if (!link.external()) {
					String problem = problem(page, link.target());
					if (problem != null) {
						broken.add(page.name() + ":" + link.line() + ": (" + link.target() + ") " + problem);
					}
				}
			}
		}
		assertThat(broken).as("broken links").isEmpty();
	}

	@Test
	void everyPageUnderDocsIsReachableFromTheReadme() {
		Set<Path> reached = new HashSet<>();
		Deque<MarkdownPage> next = new ArrayDeque<>(List.of(this.byFile.get(MarkdownPage.ROOT.resolve("README.md"))));
		while (!next.isEmpty()) {
			MarkdownPage page = next.pop();
			if (reached.add(page.file())) {
				page.links()
					.stream()
					.filter(l -> !l.external())
					.map(l -> target(page, l.target()))
					.map(this.byFile::get)
					.filter(p -> p != null && !reached.contains(p.file()))
					.forEach(next::push);
			}
		}
		assertThat(this.pages).filteredOn(p -> !reached.contains(p.file()))
			.extracting(MarkdownPage::name)
			.as("pages no link from the README leads to")
			.isEmpty();
	}

	@Test
	void everyCommandInTheGuidesHasTheOptionsShown() {
		CommandSpec cli = WritebackCli.commandLine().getCommandSpec();
		List<String> wrong = new ArrayList<>();
		int checked = 0;
		for (MarkdownPage page : this.pages) {
			if (!page.name().equals("README.md") && !page.name().startsWith("docs/guide/")) {
				continue;
			}
			for (MarkdownPage.CodeLine code : page.codeLines()) {
				Matcher m = COMMAND.matcher(code.text().replaceAll("\\s#.*", ""));
				if (!m.find()) {
					continue;
				}
				checked++;
				String where = page.name() + ":" + code.line() + ": ";
				CommandLine sub = cli.subcommands().get(m.group(1));
				if (sub == null) {
					wrong.add(where + "no command '" + m.group(1) + "'; commands: " + cli.subcommands().keySet());
					continue;
				}
				for (String word : m.group(2).replaceAll("[\\[\\]|]", " ").trim().split("\\s+")) {
					String option = word.split("=", 2)[0];
					if (option.startsWith("--") && sub.getCommandSpec().findOption(option) == null) {
						wrong.add(where + "'" + m.group(1) + "' has no option " + option);
					}
				}
			}
		}
		assertThat(wrong).as("commands in the guides that the CLI does not have").isEmpty();
		assertThat(checked).as("commands found in the guides' code blocks").isGreaterThan(10);
	}

	/** What is wrong with a relative link on a page, or null. */
	private String problem(MarkdownPage page, String link) {
		Path file = target(page, link);
		if (!Files.exists(file)) {
			return "no such file";
		}
		int hash = link.indexOf('#');
		if (hash < 0) {
			return null;
		}
		MarkdownPage linked = this.byFile.get(file);
		if (linked == null) {
			return "an anchor into a file that is not a page of the docs";
		}
		String anchor = link.substring(hash + 1);
		return linked.anchors().contains(anchor) ? null : "no heading #" + anchor + " in " + linked.name();
	}

	private static Path target(MarkdownPage page, String link) {
		String path = link.split("#", 2)[0];
		return path.isEmpty() ? page.file() : page.file().getParent().resolve(path).normalize();
	}

}
