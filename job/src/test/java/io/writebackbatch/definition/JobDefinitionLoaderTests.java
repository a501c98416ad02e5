package io.writebackbatch.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader's strictness: a definition means exactly what it says, and inputs are read
 * within bounds.
 */
class JobDefinitionLoaderTests {

	static final String ID = "00000000-0000-4000-8000-000000000002";

	@TempDir
	Path dir;

	@Test
	void aliasIsRefusedWithItsLine() throws IOException {
		assertRefused("action: disable\nfilters:\n  displayName:\n    include: [&keep \"(?i)finance\"]\n"
				+ "    exclude: [*keep]\n", "def.yaml:5: the YAML alias '*keep' is not supported");
	}

	@Test
	void mergeKeyIsRefusedWithItsLine() throws IOException {
		// the merge key explains the unknown 'defaults' above it, so it is the one
		// reported
		assertRefused(
				"name: x\naction: disable\ndefaults: &defaults\n  excludeIds: [" + ID + "]\nfilters:\n"
						+ "  <<: *defaults\n",
				"def.yaml:6: the YAML merge key '<<' is not supported: write the fields out in full here");
	}

	/**
	 * Was printed raw: the ESC recoloured the terminal, and reached the log line and
	 * summary.md.
	 */
	@Test
	void aNameWithAControlCharacterIsRefused() throws IOException {
		assertRefused("name: \"[x](http://evil.example)\\e[31mred\"\naction: disable\n",
				"def.yaml: field 'name' holds a control character (U+001B) at position 25");
		Path file = Files.writeString(dir.resolve("x\u001b[31m.yaml"), "action: disable\n");
		assertThatThrownBy(() -> new JobDefinitionLoader().load(file)).isInstanceOf(InvalidDefinitionException.class)
			.hasMessageStartingWith(file.getParent()
					+ "/x\\u001B[31m.yaml: the file's name (the definition's name when it has no 'name' "
					+ "field) holds a control character (U+001B) at position 2")
			.hasMessageEndingWith("rename the file, or give the definition a 'name:' of printable text");
	}

	@Test
	void duplicateKeyIsRefusedNamingBothLines() throws IOException {
		assertRefused(
				"action: disable\nfilters:\n  excludeIds: [" + ID + "]\nfilters:\n  displayName:\n    include: [x]\n",
				"def.yaml:4: 'filters' is given twice, at lines 2 and 4");
	}

	@Test
	void duplicateNestedKeyIsRefused() throws IOException {
		assertRefused("action: disable\nfilters:\n  ids: [" + ID + "]\n  ids: []\n",
				"def.yaml:4: 'ids' is given twice");
	}

	@Test
	void sameKeyInSiblingMappingsIsFine() throws IOException {
		Path file = write("action: disable\nfilters:\n  displayName:\n    include: [a]\n    exclude: [b]\n");
		assertThat(new JobDefinitionLoader().load(file).filters().displayName().exclude()).hasSize(1);
	}

	@Test
	void wrongShapesAreNamedWithoutJavaTypes() throws IOException {
		assertRefused("action: disable\nmaxChanges: 0x10\n",
				"def.yaml:2: field 'maxChanges': '0x10' is not a number; write a "
						+ "whole number in decimal digits, such as 500");
		assertRefused("[1, 2]\n", "def.yaml:1: fields are expected here (one 'name: value' line each");
		assertRefused("just a string\n", "def.yaml:1: fields are expected here");
		assertRefused("action: disable\nfilters: [1]\n", "def.yaml:2: field 'filters': fields are expected here");
		assertRefused("name: [a, b]\naction: disable\n",
				"def.yaml:1: field 'name': a single value is expected here, not a list");
	}

	@Test
	void fractionalMaxChangesIsRefused() throws IOException {
		assertRefused("action: disable\nmaxChanges: 2.9\n",
				"def.yaml:2: field 'maxChanges': '2.9' is not a whole number");
	}

	@Test
	void nullListEntryIsRefusedWithItsLine() throws IOException {
		assertRefused("action: disable\nfilters:\n  excludeIds:\n    - " + ID + "\n    - ~\n",
				"def.yaml:5: an empty (null) list entry '~'");
		assertRefused("action: disable\nfilters:\n  displayName:\n    exclude: [null]\n",
				"def.yaml:4: an empty (null) list entry");
	}

	@Test
	void quotedTildeIsText() throws IOException {
		Path file = write("action: disable\nfilters:\n  displayName:\n    exclude: [\"~\"]\n");
		assertThat(new JobDefinitionLoader().load(file).filters().displayName().isExcluded("a~b")).isTrue();
	}

	@Test
	void backtrackingPatternIsMatchedInLinearTime() throws IOException {
		Path file = write("action: disable\nfilters:\n  displayName:\n    exclude: [\"^(a+)+$\"]\n");
		NameFilter filter = new JobDefinitionLoader().load(file).filters().displayName();
		String name = "a".repeat(5_000) + "!";
		long started = System.nanoTime();
		assertThat(filter.isExcluded(name)).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void lookaroundIsRefusedWithItsLine() throws IOException {
		assertRefused("action: disable\nfilters:\n  displayName:\n    exclude:\n      - \"(?!keep)\"\n",
				"def.yaml:5: field 'filters.displayName.exclude");
	}

	@Test
	void byteOrderMarkInIdFileIsIgnored() throws IOException {
		Files.write(dir.resolve("ids.txt"), ("\uFEFF" + ID + "\n").getBytes(StandardCharsets.UTF_8));
		Path file = write("action: disable\nfilters:\n  excludeIdsFile: ids.txt\n");
		assertThat(new JobDefinitionLoader().load(file).excludedIds()).containsExactly(ID);
	}

	@Test
	void invisibleCharacterInABadIdIsShown() throws IOException {
		Files.writeString(dir.resolve("ids.txt"), ID + "\n" + ID.substring(0, 10) + "\u200B" + ID.substring(10) + "\n");
		Path file = write("action: disable\nfilters:\n  excludeIdsFile: ids.txt\n");
		assertThatThrownBy(() -> new JobDefinitionLoader().load(file)).isInstanceOf(InvalidDefinitionException.class)
			.hasMessageContaining("ids.txt:2: '00000000-0\\u200B000-");
	}

	@Test
	void deviceAsIdFileIsRefusedBeforeReading() throws IOException {
		Path file = write("action: disable\nfilters:\n  idsFile: /dev/zero\n");
		assertThatThrownBy(() -> new JobDefinitionLoader().load(file)).isInstanceOf(InvalidDefinitionException.class)
			.hasMessageContaining("/dev/zero is not a regular file");
	}

	@Test
	void commentOnlyDefinitionIsEmpty() throws IOException {
		assertRefused("# nothing yet\n", "def.yaml: the file is empty");
	}

	@Test
	void latin1DefinitionIsRefusedWithItsLine() throws IOException {
		Files.write(dir.resolve("def.yaml"),
				"action: disable\nname: \u00c9quipe\n".getBytes(StandardCharsets.ISO_8859_1));
		assertThatThrownBy(() -> new JobDefinitionLoader().load(dir.resolve("def.yaml")))
			.hasMessageContaining("def.yaml:2: the file is not UTF-8 text");
	}

	@Test
	void emptySelectingListsAreRefusedBecauseTheyWouldSelectEveryGroup() throws IOException {
		assertRefused("action: disable\nfilters:\n  ids: []\n",
				"def.yaml:3: field 'filters.ids' is empty, so it would " + "select every group");
		assertRefused("action: disable\nfilters:\n  ids:\nmaxChanges: 5\n", "def.yaml:3: field 'filters.ids' is empty");
		assertRefused("action: disable\nfilters:\n  displayName:\n    include: []\n",
				"def.yaml:4: field 'filters.displayName.include' is empty");
		assertRefused("action: disable\nfilters:\n  idsFile: \"\"\n", "def.yaml:3: field 'filters.idsFile' is empty");
		Files.writeString(dir.resolve("ids.txt"), "# to be filled in\n");
		assertRefused("action: disable\nfilters:\n  idsFile: ids.txt\n",
				"field 'filters.idsFile': the id list ids.txt holds no ids, so it would select every group");
	}

	@Test
	void aPatternNestedTooDeeplyIsRefusedNotACrash() throws IOException {
		String nested = "(".repeat(3000) + "a" + ")*".repeat(3000);
		assertRefused("action: disable\nfilters:\n  displayName:\n    include: [\"" + nested + "\"]\n",
				"def.yaml:4: field 'filters.displayName.include[0]': the pattern is 9001 characters long, more than 1024");
	}

	private void assertRefused(String yaml, String message) throws IOException {
		Path file = write(yaml);
		assertThatThrownBy(() -> new JobDefinitionLoader().load(file)).isInstanceOf(InvalidDefinitionException.class)
			.hasMessageContaining(message);
	}

	private Path write(String yaml) throws IOException {
		return Files.writeString(dir.resolve("def.yaml"), yaml);
	}

}
