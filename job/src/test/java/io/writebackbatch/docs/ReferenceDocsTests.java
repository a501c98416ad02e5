package io.writebackbatch.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generated references under docs/reference/ are what the code says today: each is
 * rendered here and compared with the committed file. With {@code -Ddocs.regenerate=true}
 * the test writes the file instead (and still fails, so a regeneration is never mistaken
 * for a passing check).
 */
class ReferenceDocsTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "docs/reference/cli.md, cli", "docs/reference/settings.md, settings" })
	void theCommittedReferenceIsTheGeneratedOne(String file, String kind) throws IOException {
		Supplier<String> generator = switch (kind) {
			case "cli" -> CliReference::render;
			case "settings" -> SettingsReference::render;
			default -> throw new IllegalArgumentException(kind);
		};
		String generated = generator.get();
		Path committed = MarkdownPage.ROOT.resolve(file);
		if (Boolean.getBoolean("docs.regenerate")) {
			Files.writeString(committed, generated);
		}
		assertThat(Files.exists(committed) ? Files.readString(committed) : "")
			.as("%s is generated from the code and differs from it; regenerate it with%n  %s%nand commit it", file,
					ReferencePage.REGENERATE)
			.isEqualTo(generated);
		assertThat(Boolean.getBoolean("docs.regenerate"))
			.as("%s regenerated: run again without -Ddocs.regenerate", file)
			.isFalse();
	}

}
