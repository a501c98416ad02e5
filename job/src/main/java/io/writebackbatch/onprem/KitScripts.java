package io.writebackbatch.onprem;

import java.util.List;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.writebackbatch.templates.Templates;

/**
 * The kit's PowerShell scripts, from the Mustache templates next to this class. Every
 * value is put in by {@link PowerShellText#FORMATTER}: a number as its digits, any text
 * as a verbatim string ({@link PowerShellText#quote}), so the text of a display name or a
 * definition name can never end its string. The result has CRLF line endings.
 */
final class KitScripts {

	static final String CREATE_DELETE_RULE = "01-Create-WritebackDeleteRule.ps1";
	static final String DISABLE_MEMBER_LIMIT = "02-Disable-MemberLimitRule.ps1";
	static final String TEST_RECYCLE_BIN = "03-Test-ADRecycleBin.ps1";

	private static final Mustache.Compiler POWERSHELL = Mustache.compiler()
		.withFormatter(PowerShellText.FORMATTER)
		.withEscaper(Escapers.NONE);

	private static final Template CREATE = compile(CREATE_DELETE_RULE);

	private static final Template DISABLE = compile(DISABLE_MEMBER_LIMIT);

	private static final Template TEST = compile(TEST_RECYCLE_BIN);

	private KitScripts() {
	}

	/** What the templates may use. */
	record View(long runId, int precedence, String definitionName, List<DisabledGroup> groups) {
	}

	static String createDeleteRule(OnPremKitRequest request) {
		return render(CREATE, request);
	}

	static String disableMemberLimit(OnPremKitRequest request) {
		return render(DISABLE, request);
	}

	static String testRecycleBin(OnPremKitRequest request) {
		return render(TEST, request);
	}

	private static Template compile(String script) {
		return Templates.compile(KitScripts.class, script + ".mustache", POWERSHELL);
	}

	private static String render(Template template, OnPremKitRequest request) {
		String script = template.execute(
				new View(request.runId(), request.syncRulePrecedence(), request.definitionName(), request.groups()));
		// values never hold CR or LF (quote() splices control characters in as [char]),
		// so
		// this only touches the layout of the template
		return script.replace("\r\n", "\n").replace("\n", "\r\n");
	}

}
