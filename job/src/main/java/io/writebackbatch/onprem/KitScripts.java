package io.writebackbatch.onprem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the PowerShell templates next to this class. Placeholders are {@code @@NAME@@};
 * every value put into a script is either a number or the output of
 * {@link PowerShellText#quote}, so the text of a display name or a definition name can
 * never end its string. The result has CRLF line endings.
 */
final class KitScripts {

	static final String CREATE_DELETE_RULE = "01-Create-WritebackDeleteRule.ps1";
	static final String DISABLE_MEMBER_LIMIT = "02-Disable-MemberLimitRule.ps1";
	static final String TEST_RECYCLE_BIN = "03-Test-ADRecycleBin.ps1";

	private static final Pattern PLACEHOLDER = Pattern.compile("@@([A-Z_]+)@@");

	private KitScripts() {
	}

	static String createDeleteRule(OnPremKitRequest request) {
		return fill(CREATE_DELETE_RULE, values(request, true));
	}

	static String disableMemberLimit(OnPremKitRequest request) {
		return fill(DISABLE_MEMBER_LIMIT, values(request, false));
	}

	static String testRecycleBin(OnPremKitRequest request) {
		return fill(TEST_RECYCLE_BIN, values(request, true));
	}

	private static Map<String, String> values(OnPremKitRequest request, boolean withGroups) {
		return Map.of("RUN_ID", Long.toString(request.runId()), "PRECEDENCE",
				Integer.toString(request.syncRulePrecedence()), "DEFINITION_NAME",
				PowerShellText.quote(request.definitionName()), "GROUPS", withGroups ? groups(request.groups()) : "");
	}

	/**
	 * One {@code [pscustomobject]} per line, inside the {@code @( ... )} of the template.
	 */
	static String groups(List<DisabledGroup> groups) {
		if (groups.isEmpty()) {
			return "    # (no groups)";
		}
		List<String> lines = new ArrayList<>(groups.size());
		for (DisabledGroup group : groups) {
			lines.add("    [pscustomobject]@{ Id = " + PowerShellText.quote(group.id()) + "; DisplayName = "
					+ PowerShellText.quote(group.displayName()) + "; PreviousOnPremisesGroupType = "
					+ PowerShellText.quote(group.previousOnPremisesGroupType()) + " }");
		}
		return String.join("\n", lines);
	}

	private static String fill(String script, Map<String, String> values) {
		String template = load(script + ".template");
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder out = new StringBuilder(template.length() + 1024);
		while (matcher.find()) {
			String value = values.get(matcher.group(1));
			if (value == null) {
				throw new IllegalStateException("No value for " + matcher.group() + " in " + script);
			}
			matcher.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(out);
		// Values never hold CR or LF (quote() splices control characters in as [char]),
		// so this only touches
		// the layout of the template and of the group lines.
		return out.toString().replace("\r\n", "\n").replace("\n", "\r\n");
	}

	private static String load(String resource) {
		try (InputStream in = KitScripts.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing template " + resource);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
