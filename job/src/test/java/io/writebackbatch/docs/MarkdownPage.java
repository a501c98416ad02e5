package io.writebackbatch.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Markdown page of the project's documentation, read the way GitHub renders it: its
 * relative links (outside code), the anchors its headings get, and its fenced code
 * blocks.
 */
record MarkdownPage(Path file, List<String> lines) {

	/** The repository root: tests run with it as working directory. */
	static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath();

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

	private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");

	private static final Pattern HEADING = Pattern.compile("^(#{1,6}) +(.*?)#*\\s*$");

	/** A link as written, and the line it is on. */
	record Link(String target, int line) {

		boolean external() {
			return this.target.matches("^[a-zA-Z][a-zA-Z+.-]*:.*");
		}

	}

	static MarkdownPage read(Path file) {
		try {
			return new MarkdownPage(file.toAbsolutePath().normalize(), Files.readAllLines(file));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** README.md, CHANGELOG.md and every Markdown page under docs/. */
	static List<MarkdownPage> all() {
		List<MarkdownPage> pages = new ArrayList<>();
		pages.add(read(ROOT.resolve("README.md")));
		pages.add(read(ROOT.resolve("CHANGELOG.md")));
		try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
			files.filter(f -> f.toString().endsWith(".md")).sorted().map(MarkdownPage::read).forEach(pages::add);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return pages;
	}

	String name() {
		return ROOT.relativize(this.file).toString();
	}

	/** Every link outside fenced blocks and code spans. */
	List<Link> links() {
		List<Link> links = new ArrayList<>();
		boolean fenced = false;
		for (int i = 0; i < this.lines.size(); i++) {
			String line = this.lines.get(i);
			if (line.stripLeading().startsWith("```")) {
				fenced = !fenced;
				continue;
			}
			if (fenced) {
				continue;
			}
			Matcher m = LINK.matcher(CODE_SPAN.matcher(line).replaceAll("code"));
			while (m.find()) {
				links.add(new Link(m.group(1), i + 1));
			}
		}
		return links;
	}

	/** The anchors GitHub gives this page's headings (a repeated heading gets -1, -2). */
	Set<String> anchors() {
		Set<String> anchors = new HashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		boolean fenced = false;
		for (String line : this.lines) {
			if (line.stripLeading().startsWith("```")) {
				fenced = !fenced;
				continue;
			}
			Matcher m = HEADING.matcher(line);
			if (!fenced && m.matches()) {
				String slug = slug(m.group(2));
				int n = seen.merge(slug, 1, Integer::sum);
				anchors.add((n == 1) ? slug : slug + "-" + (n - 1));
			}
		}
		return anchors;
	}

	static String slug(String heading) {
		String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
		return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
	}

	/** A line of a fenced code block, lines ending in a backslash joined to the next. */
	record CodeLine(String text, int line) {

	}

	/** The lines of every fenced code block, each with the number of its first line. */
	List<CodeLine> codeLines() {
		List<CodeLine> code = new ArrayList<>();
		boolean fenced = false;
		StringBuilder pending = new StringBuilder();
		int start = 0;
		for (int i = 0; i < this.lines.size(); i++) {
			String line = this.lines.get(i);
			if (line.stripLeading().startsWith("```")) {
				fenced = !fenced;
				continue;
			}
			if (!fenced) {
				continue;
			}
			if (pending.isEmpty()) {
				start = i + 1;
			}
			if (line.endsWith("\\")) {
				pending.append(line, 0, line.length() - 1).append(' ');
				continue;
			}
			code.add(new CodeLine(pending.append(line).toString(), start));
			pending.setLength(0);
		}
		return code;
	}

}
