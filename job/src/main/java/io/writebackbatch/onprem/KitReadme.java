package io.writebackbatch.onprem;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.writebackbatch.templates.MarkdownEscapers;
import io.writebackbatch.templates.Templates;

/**
 * The README.md of a kit ({@code README.md.mustache}): parts 3 to 5 of Microsoft's
 * procedure, in order, with the checks around each. Every value from Entra ID or the
 * definition is Markdown-escaped ({@link MarkdownEscapers#TEXT}).
 */
final class KitReadme {

	static final String FILE = "README.md";
	static final String CSV = "disabled-groups.csv";

	private static final Template TEMPLATE = Templates.compile(KitReadme.class, "README.md.mustache",
			Mustache.compiler().withEscaper(MarkdownEscapers.TEXT));

	private KitReadme() {
	}

	/** The kit's own file names: constants, not escaped. */
	record Files(String createDeleteRule, String disableMemberLimit, String testRecycleBin, String csv) {
	}

	record TypeCount(String type, int count) {
	}

	record View(long runId, String definitionName, int groupCount, int precedence, boolean liftMemberLimit,
			boolean hasGroups, List<TypeCount> byType, Files files) {
	}

	static String render(OnPremKitRequest r) {
		Map<String, Integer> byType = new TreeMap<>();
		r.groups()
			.forEach(g -> byType.merge(
					g.previousOnPremisesGroupType().isEmpty() ? "(unknown)" : g.previousOnPremisesGroupType(), 1,
					Integer::sum));
		return TEMPLATE.execute(new View(r.runId(), r.definitionName(), r.groups().size(), r.syncRulePrecedence(),
				r.liftMemberLimit(), !byType.isEmpty(),
				byType.entrySet().stream().map(e -> new TypeCount(e.getKey(), e.getValue())).toList(),
				new Files(KitScripts.CREATE_DELETE_RULE, KitScripts.DISABLE_MEMBER_LIMIT, KitScripts.TEST_RECYCLE_BIN,
						CSV)));
	}

}
