package io.writebackbatch.onprem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.writebackbatch.onprem.PowerShellLexer.Kind;
import io.writebackbatch.onprem.PowerShellLexer.Token;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnPremKitWriterTests {

	static final String BREAKOUT = "x'; Remove-Item C:\\ -Recurse; '";
	static final String CURLY_BREAKOUT = "x\u2019; Remove-Item C:\\ -Recurse; \u2018";
	static final String NEWLINE_BREAKOUT = "a\nRemove-Item C:\\ -Recurse\r\n#";

	static final List<DisabledGroup> GROUPS = List.of(
			new DisabledGroup("6f1c1e2a-0b1d-4c1e-9a8b-1d2c3e4f5a60", "Sales, \"EMEA\" team",
					"universalDistributionGroup"),
			new DisabledGroup("0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d", "O'Brien's Zürich – Ærø 東京 😀",
					"universalSecurityGroup"),
			new DisabledGroup("11111111-2222-4333-8444-555555555555", BREAKOUT, null),
			new DisabledGroup("22222222-3333-4444-8555-666666666666", CURLY_BREAKOUT,
					"universalMailEnabledSecurityGroup"),
			new DisabledGroup("33333333-4444-4555-8666-777777777777", NEWLINE_BREAKOUT, "universalDistributionGroup"),
			new DisabledGroup("44444444-5555-4666-8777-888888888888", " $(Remove-Item C:\\) `\"@{ } ", ""));

	@TempDir
	Path tmp;

	OnPremKitRequest request(int precedence, boolean lift) {
		return new OnPremKitRequest(42, "m365-" + BREAKOUT, tmp.resolve("kit"), precedence, lift, GROUPS);
	}

	@Test
	void writesTheFolderInReadingOrder() throws IOException {
		List<Path> files = new OnPremKitWriter().write(request(57, true));

		assertThat(files).extracting(p -> p.getFileName().toString())
			.containsExactly("README.md", "01-Create-WritebackDeleteRule.ps1", "02-Disable-MemberLimitRule.ps1",
					"03-Test-ADRecycleBin.ps1", "disabled-groups.csv");
		try (Stream<Path> listed = Files.list(tmp.resolve("kit"))) {
			assertThat(listed).containsExactlyInAnyOrderElementsOf(files);
		}
	}

	@Test
	void withoutLiftMemberLimitThereIsNoScript02AndTheReadmeSaysSo() throws IOException {
		List<Path> files = new OnPremKitWriter().write(request(57, false));

		assertThat(files).extracting(p -> p.getFileName().toString())
			.doesNotContain("02-Disable-MemberLimitRule.ps1")
			.hasSize(4);
		assertThat(read(tmp.resolve("kit/README.md"))).contains("was not requested")
			.contains("Not requested for this kit");
	}

	@Test
	void csvCellsThatCouldStartAFormulaAreShownAsText() throws IOException {
		List<DisabledGroup> formulas = List.of(
				new DisabledGroup("55555555-6666-4777-8888-999999999999", "\t=1+2", "universalDistributionGroup"),
				new DisabledGroup("66666666-7777-4888-8999-000000000000", "\r=1+2", "universalDistributionGroup"),
				new DisabledGroup("77777777-8888-4999-8000-111111111111", "=HYPERLINK(\"http://x\")", "@x"));
		new OnPremKitWriter().write(new OnPremKitRequest(42, "m365", tmp.resolve("kit"), 57, false, formulas));

		List<List<String>> rows = parseCsv(
				utf8(Files.readAllBytes(tmp.resolve("kit/disabled-groups.csv"))).substring(1));

		assertThat(rows.subList(1, rows.size())).extracting(r -> r.get(1) + " " + r.get(2))
			.containsExactly("'\t=1+2 universalDistributionGroup", "'\r=1+2 universalDistributionGroup",
					"'=HYPERLINK(\"http://x\") '@x");
	}

	@Test
	void csvListsExactlyTheGroupsOfTheRequest() throws IOException {
		new OnPremKitWriter().write(request(57, false));
		byte[] bytes = Files.readAllBytes(tmp.resolve("kit/disabled-groups.csv"));

		assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
		List<List<String>> rows = parseCsv(utf8(bytes).substring(1));
		assertThat(rows.get(0)).containsExactly("id", "displayName", "previousOnPremisesGroupType");
		List<List<String>> expected = new ArrayList<>();
		for (DisabledGroup g : GROUPS) {
			expected.add(List.of(g.id(), g.displayName(), g.previousOnPremisesGroupType()));
		}
		assertThat(rows.subList(1, rows.size())).isEqualTo(expected);
	}

	@Test
	void scriptsAreUtf8WithBomAndCrlfAndParse() throws IOException {
		new OnPremKitWriter().write(request(57, true));
		for (String name : List.of("01-Create-WritebackDeleteRule.ps1", "02-Disable-MemberLimitRule.ps1",
				"03-Test-ADRecycleBin.ps1")) {
			byte[] bytes = Files.readAllBytes(tmp.resolve("kit").resolve(name));
			assertThat(bytes).as(name).startsWith(0xEF, 0xBB, 0xBF);
			String text = utf8(bytes).substring(1);
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (c == '\n') {
					assertThat(i > 0 && text.charAt(i - 1) == '\r').as(name + ": LF without CR at " + i).isTrue();
				}
				else if (c == '\r') {
					assertThat(i + 1 < text.length() && text.charAt(i + 1) == '\n').as(name + ": CR without LF at " + i)
						.isTrue();
				}
			}
			assertThat(text).as(name).endsWith("\r\n");

			List<Token> tokens = PowerShellLexer.lex(text); // balanced brackets,
															// terminated strings
			String afterComments = text.substring(PowerShellLexer.firstSignificant(text, tokens));
			assertThat(afterComments).as(name + ": param block first")
				.containsPattern("\\A\\[CmdletBinding\\((?:[^()']|'[^']*')*\\)\\]\\s*param\\s*\\(");
			assertThat(text).as(name)
				.contains("$ErrorActionPreference = 'Stop'")
				.contains("[switch] $Execute")
				.doesNotContain("$Execute = $true");
			assertThat(text.lines().takeWhile(l -> l.startsWith("#Requires"))).as(name)
				.contains("#Requires -Version 5.1");
		}
		assertThat(read(tmp.resolve("kit/01-Create-WritebackDeleteRule.ps1"))).contains("#Requires -Modules ADSync");
		assertThat(read(tmp.resolve("kit/02-Disable-MemberLimitRule.ps1"))).contains("#Requires -Modules ADSync");
		assertThat(read(tmp.resolve("kit/03-Test-ADRecycleBin.ps1"))).contains("#Requires -Modules ActiveDirectory")
			.doesNotContain("#Requires -Modules ADSync");
	}

	@Test
	void readmeIsUtf8WithoutBom() throws IOException {
		new OnPremKitWriter().write(request(57, true));
		byte[] bytes = Files.readAllBytes(tmp.resolve("kit/README.md"));
		assertThat(bytes[0]).isEqualTo((byte) '#');
		utf8(bytes);
	}

	@Test
	void deleteRuleScriptCarriesThePrecedenceAsDefault() throws IOException {
		new OnPremKitWriter().write(request(57, false));
		String script = read(tmp.resolve("kit/01-Create-WritebackDeleteRule.ps1"));

		assertThat(script).contains("[ValidateRange(0, 99)]").contains("[int] $Precedence = 57,");
		assertThat(script).contains("'In from AAD - Group SOAinAAD Delete WriteBackOutOfScope and SoftDelete'")
			.contains("Direction                = 'Inbound'")
			.contains("-ArgumentList 'cloudMastered', 'true', 'EQUAL'")
			.contains("-ArgumentList 'cloudAnchor', 'cloudAnchor', $false")
			.contains("Set-ADSyncScheduler -SyncCycleEnabled $false")
			.contains("Start-ADSyncSyncCycle -PolicyType Initial");
		assertThat(read(tmp.resolve("kit/README.md"))).contains("precedence 57");
	}

	@Test
	void boundaryPrecedencesAreAccepted() throws IOException {
		new OnPremKitWriter().write(new OnPremKitRequest(1, "d", tmp.resolve("a"), 0, false, List.of()));
		new OnPremKitWriter().write(new OnPremKitRequest(1, "d", tmp.resolve("b"), 99, false, List.of()));
		assertThat(read(tmp.resolve("a/01-Create-WritebackDeleteRule.ps1"))).contains("$Precedence = 0,");
		assertThat(read(tmp.resolve("b/01-Create-WritebackDeleteRule.ps1"))).contains("$Precedence = 99,");
		PowerShellLexer.lex(read(tmp.resolve("b/03-Test-ADRecycleBin.ps1")));
	}

	@Test
	void invalidPrecedenceIsRejectedWithAClearMessage() {
		for (int bad : new int[] { -1, 100, 250 }) {
			assertThatThrownBy(() -> request(bad, false)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("precedence must be between 0 and 99")
				.hasMessageContaining("built-in rules")
				.hasMessageEndingWith("was " + bad);
		}
	}

	@Test
	void otherInvalidRequestsAreRejected() {
		assertThatThrownBy(() -> new OnPremKitRequest(0, "d", tmp, 50, false, List.of())).hasMessageContaining("runId");
		assertThatThrownBy(() -> new OnPremKitRequest(1, " ", tmp, 50, false, List.of()))
			.hasMessageContaining("definitionName");
		List<DisabledGroup> withNull = new ArrayList<>();
		withNull.add(null);
		assertThatThrownBy(() -> new OnPremKitRequest(1, "d", tmp, 50, false, withNull))
			.hasMessageContaining("groups[0]");
		assertThatThrownBy(() -> new DisabledGroup(" ", "n", "t")).hasMessageContaining("id");
	}

	/** Every mutating cmdlet runs only where -Execute was given and confirmed. */
	@Test
	void changesOnlyHappenWithExecute() throws IOException {
		new OnPremKitWriter().write(request(57, true));
		Pattern mutating = Pattern.compile("(?m)^\\s*(Set-ADSyncScheduler|Add-ADSyncRule|Start-ADSyncSyncCycle"
				+ "|Enable-ADOptionalFeature|Restore-ADObject|Remove-\\w+|Set-AD\\w+)\\b");
		for (String name : List.of("01-Create-WritebackDeleteRule.ps1", "02-Disable-MemberLimitRule.ps1",
				"03-Test-ADRecycleBin.ps1")) {
			String text = read(tmp.resolve("kit").resolve(name));
			String code = codeOnly(text);
			Matcher m = mutating.matcher(code);
			int found = 0;
			while (m.find()) {
				found++;
				String guard = enclosingBlockHeader(code, m.start());
				assertThat(guard).as(name + ": " + PowerShellLexer.lineText(code, m.start()))
					.containsAnyOf("Test-Change", "if ($schedulerDisabledHere)");
			}
			if (!name.startsWith("03")) {
				assertThat(found).as(name).isGreaterThanOrEqualTo(3);
				assertThat(text).contains(
						"""
								function Test-Change([string] $Target, [string] $Action) {\r
								    # True only when the change must be made now: -Execute given and confirmed (and not -WhatIf).\r
								    if (-not $Execute) {\r
								        Write-Host ('[DRY-RUN] Would {0}: {1}' -f $Action, $Target)\r
								        return $false\r
								    }\r
								    return $script:Cmdlet.ShouldProcess($Target, $Action)\r
								}""");
				assertThat(text).contains("SupportsShouldProcess = $true");
				// the only place the scheduler is re-enabled outside Test-Change: after
				// this script disabled it
				assertThat(code).contains("$schedulerDisabledHere = $true");
			}
			else {
				assertThat(found).as(name + " is read-only").isZero();
				assertThat(text)
					.contains("Get-ADOptionalFeature @adParameters -Filter 'name -like \"Recycle Bin Feature\"'")
					.contains("Enable-ADOptionalFeature");
			}
		}
	}

	@Test
	void displayNamesCannotBreakOutOfTheirStrings() throws IOException {
		new OnPremKitWriter().write(request(57, false));
		for (String name : List.of("01-Create-WritebackDeleteRule.ps1", "03-Test-ADRecycleBin.ps1")) {
			String text = read(tmp.resolve("kit").resolve(name));
			List<Token> tokens = PowerShellLexer.lex(text);

			for (Token t : tokens) {
				if (t.kind() == Kind.CODE || t.kind() == Kind.EXPANDABLE_STRING) {
					assertThat(t.value()).as(name + ": outside a verbatim string")
						.doesNotContain("Remove-Item")
						.doesNotContain("Brien")
						.doesNotContain("EMEA");
				}
			}
			List<String> verbatim = tokens.stream()
				.filter(t -> t.kind() == Kind.VERBATIM_STRING)
				.map(Token::value)
				.toList();
			assertThat(verbatim).as(name)
				.contains(BREAKOUT, CURLY_BREAKOUT, "Sales, \"EMEA\" team", "O'Brien's Zürich – Ærø 東京 😀",
						" $(Remove-Item C:\\) `\"@{ } ", "m365-" + BREAKOUT);
			// a line break cannot be kept in a literal without breaking CRLF: it is
			// spliced in as [char]
			assertThat(text).contains("DisplayName = ('' + 'a' + [char]0x000A + 'Remove-Item C:\\ -Recurse'"
					+ " + [char]0x000D + [char]0x000A + '#')");
			assertThat(evaluateDisplayNames(tokens, text)).contains(NEWLINE_BREAKOUT, BREAKOUT, CURLY_BREAKOUT);
		}
	}

	@Test
	void readmeExplainsWhatToExpectAndHowToRollBack() throws IOException {
		new OnPremKitWriter().write(request(57, true));
		String readme = read(tmp.resolve("kit/README.md"));

		assertThat(readme)
			.contains("these 6 AD group(s) will be deleted at the next sync cycle: see `disabled-groups.csv`")
			.contains("writeback-batch rollback --run 42")
			.contains("restore them from the AD Recycle Bin **first**")
			.contains("02-Disable-MemberLimitRule.ps1")
			.contains("ADSyncAdmins")
			.contains("| universalDistributionGroup | 2 |")
			.contains("| \\(unknown\\) | 2 |")
			.contains("m365\\-x\\'; Remove\\-Item C:\\\\ \\-Recurse; \\'")
			.doesNotContain(BREAKOUT);
		assertThat(readme.indexOf("## Part 3")).isLessThan(readme.indexOf("## Part 4"));
		assertThat(readme.indexOf("## Part 4")).isLessThan(readme.indexOf("## Part 5"));
		assertThat(readme.indexOf("## Part 5")).isLessThan(readme.indexOf("## Rolling back"));
	}

	@Test
	void refusesToOverwriteAnExistingKit() throws IOException {
		new OnPremKitWriter().write(request(57, false));
		Path csv = tmp.resolve("kit/disabled-groups.csv");
		byte[] before = Files.readAllBytes(csv);

		assertThatThrownBy(() -> new OnPremKitWriter().write(request(60, true)))
			.isInstanceOf(FileAlreadyExistsException.class)
			.hasMessageContaining("README.md");
		assertThat(Files.readAllBytes(csv)).isEqualTo(before);
		assertThat(tmp.resolve("kit/02-Disable-MemberLimitRule.ps1")).doesNotExist();
	}

	@Test
	void quoteHandlesEmptyAndPlainText() {
		assertThat(PowerShellText.quote("")).isEqualTo("''");
		assertThat(PowerShellText.quote("plain")).isEqualTo("'plain'");
		assertThat(PowerShellText.quote("it's")).isEqualTo("'it''s'");
		assertThat(PowerShellText.quote("\t")).isEqualTo("('' + [char]0x0009)");
	}

	// --- helpers
	// -------------------------------------------------------------------------------------------

	/**
	 * The values of the DisplayName = ... expressions, evaluating ('' + '...' +
	 * [char]0x....) concatenations.
	 */
	static List<String> evaluateDisplayNames(List<Token> tokens, String text) {
		Pattern plusChar = Pattern.compile("\\G\\s*\\+\\s*(?:\\[char\\]0x([0-9A-F]{4})\\s*)?");
		List<String> names = new ArrayList<>();
		for (int i = 0; i < tokens.size(); i++) {
			Token t = tokens.get(i);
			if (t.kind() != Kind.CODE || !t.value().matches("(?s).*DisplayName = \\(?")) {
				continue;
			}
			boolean concatenation = t.value().endsWith("(");
			StringBuilder value = new StringBuilder();
			for (int j = i + 1; j < tokens.size(); j++) {
				Token part = tokens.get(j);
				if (part.kind() == Kind.VERBATIM_STRING) {
					value.append(part.value());
					continue;
				}
				if (!concatenation) {
					break;
				}
				Matcher m = plusChar.matcher(part.value());
				int at = 0;
				while (at < part.value().length() && m.find(at) && m.end() > at) {
					if (m.group(1) != null) {
						value.append((char) Integer.parseInt(m.group(1), 16));
					}
					at = m.end();
				}
				if (at < part.value().length()) {
					break; // ')' ends the expression
				}
			}
			names.add(value.toString());
		}
		return names;
	}

	/**
	 * The text with every string and comment blanked out (same length, line breaks kept).
	 */
	static String codeOnly(String text) {
		StringBuilder out = new StringBuilder(text);
		for (Token t : PowerShellLexer.lex(text)) {
			if (t.kind() != Kind.CODE) {
				for (int i = t.start(); i < t.end(); i++) {
					if (out.charAt(i) != '\r' && out.charAt(i) != '\n') {
						out.setCharAt(i, ' ');
					}
				}
			}
		}
		return out.toString();
	}

	/**
	 * The line that opens the innermost { } block around offset {@code at} of code-only
	 * text.
	 */
	static String enclosingBlockHeader(String code, int at) {
		int depth = 0;
		for (int i = at - 1; i >= 0; i--) {
			char c = code.charAt(i);
			if (c == '}') {
				depth++;
			}
			else if (c == '{') {
				if (depth == 0) {
					return PowerShellLexer.lineText(code, i);
				}
				depth--;
			}
		}
		return "";
	}

	static List<List<String>> parseCsv(String text) {
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '"' && field.length() == 0) {
				i++;
				while (true) {
					char d = text.charAt(i);
					if (d == '"') {
						if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
							field.append('"');
							i += 2;
							continue;
						}
						i++;
						break;
					}
					field.append(d);
					i++;
				}
			}
			else if (c == ',') {
				row.add(field.toString());
				field.setLength(0);
				i++;
			}
			else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
				row.add(field.toString());
				field.setLength(0);
				rows.add(row);
				row = new ArrayList<>();
				i += 2;
			}
			else {
				assertThat(c).as("unquoted CR, LF or quote in CSV at " + i).isNotIn('\r', '\n', '"');
				field.append(c);
				i++;
			}
		}
		assertThat(row).as("CSV ends with CRLF").isEmpty();
		return rows;
	}

	static String read(Path path) throws IOException {
		String text = utf8(Files.readAllBytes(path));
		return text.startsWith("\uFEFF") ? text.substring(1) : text;
	}

	static String utf8(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException e) {
			throw new AssertionError("not UTF-8", e);
		}
	}

}
