package io.writebackbatch.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.writebackbatch.domain.GroupSnapshot;
import io.writebackbatch.domain.Writeback;

import com.microsoft.graph.beta.models.Group;
import com.microsoft.graph.beta.models.GroupCollectionResponse;
import com.microsoft.graph.beta.models.GroupWritebackConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Values from Graph are judged before anything is staged. */
class ListedGroupsTests {

	static final String ID = "0F9B6C5E-1234-4C1D-9E7A-2B3C4D5E6F70";

	/**
	 * No group of the page left out its writebackConfiguration: nothing is read again.
	 */
	static final Function<List<String>, Map<String, Optional<GroupSnapshot>>> NOT_ASKED = ids -> {
		throw new AssertionError("read again by id: " + ids);
	};

	@ParameterizedTest
	@ValueSource(
			strings = { "..", "", "0f9b6c5e-1234-4c1d-9e7a-2b3c4d5e6f70-and-more", "0f9b6c5e12344c1d9e7a2b3c4d5e6f70",
					"../../settings", "0f9b6c5e-1234-4c1d-9e7a-2b3c4d5e6f7g", "0f9b6c5e-1234-4c1d-9e7a-2b3c4d5e6f7\n" })
	void anIdThatIsNotAGuidIsLeftOutAndNamed(String id) {
		GroupPage page = ListedGroups.toPage(response(group(id, "universalSecurityGroup")), NOT_ASKED);

		assertThat(page.groups()).isEmpty();
		assertThat(page.unusable()).singleElement().asString().contains("is not a GUID").doesNotContain("\n");
	}

	@ParameterizedTest
	@CsvSource({ "universalSecurityGroup, universalSecurityGroup", "UniversalSecurityGroup, universalSecurityGroup",
			"UNIVERSALDISTRIBUTIONGROUP, universalDistributionGroup",
			"universalmailenabledsecuritygroup, universalMailEnabledSecurityGroup", "someFutureType, someFutureType" })
	void graphsEnumValuesAreReadInAnyCasing(String listed, String staged) {
		GroupPage page = ListedGroups.toPage(response(group(ID, listed)), NOT_ASKED);

		assertThat(page.groups()).singleElement().satisfies(g -> {
			assertThat(g.writeback().onPremisesGroupType()).isEqualTo(staged);
			assertThat(g.id()).isEqualTo(ID.toLowerCase());
		});
	}

	@ParameterizedTest
	@ValueSource(ints = { 65, 1000 })
	void aTypeLongerThanTheColumnIsLeftOutAndNamed(int length) {
		GroupPage page = ListedGroups.toPage(response(group(ID, "x".repeat(length))), NOT_ASKED);

		assertThat(page.groups()).isEmpty();
		assertThat(page.unusable()).singleElement().asString().contains(length + " characters long");
	}

	@Test
	void aGroupWhoseAnswerLeftOutItsWritebackConfigurationIsNotAnAnswer() {
		Group notConfigured = group(ID, null);
		notConfigured.getWritebackConfiguration().setIsEnabled(null);
		Group leftOut = group(ID, null);
		leftOut.setWritebackConfiguration(null);

		assertThat(ListedGroups.answersWhatWasSelected(notConfigured)).as("never configured: null fields").isTrue();
		assertThat(ListedGroups.answersWhatWasSelected(leftOut)).as("the property left out").isFalse();
	}

	@Test
	void theGroupsThatLeftOutTheirWritebackConfigurationAreReadAgainByIdAndThePageIsKept() {
		Group whole = group("00000000-0000-4000-8000-000000000001", null);
		Group leftOut = group("00000000-0000-4000-8000-000000000002", null);
		leftOut.setWritebackConfiguration(null);
		Group deletedSince = group("00000000-0000-4000-8000-000000000003", null);
		deletedSince.setWritebackConfiguration(null);
		Group last = group("00000000-0000-4000-8000-000000000004", null);
		List<List<String>> asked = new ArrayList<>();
		GroupSnapshot reread = new GroupSnapshot(leftOut.getId(), "Team", null, false, new Writeback(false, null),
				false);

		GroupPage page = ListedGroups.toPage(response(whole, leftOut, deletedSince, last), ids -> {
			asked.add(ids);
			return Map.of(leftOut.getId(), Optional.of(reread), deletedSince.getId(), Optional.empty());
		});

		assertThat(asked).as("one re-read, of the two groups that left it out")
			.containsExactly(List.of(leftOut.getId(), deletedSince.getId()));
		assertThat(page.groups()).as("the page's order; a group deleted since is not on it")
			.extracting(GroupSnapshot::id)
			.containsExactly(whole.getId(), leftOut.getId(), last.getId());
		assertThat(page.groups().get(1)).isEqualTo(reread);
	}

	private static GroupCollectionResponse response(Group... groups) {
		GroupCollectionResponse response = new GroupCollectionResponse();
		response.setValue(List.of(groups));
		return response;
	}

	private static Group group(String id, String type) {
		Group group = new Group();
		group.setId(id);
		group.setDisplayName("Team");
		GroupWritebackConfiguration writeback = new GroupWritebackConfiguration();
		writeback.setIsEnabled(true);
		writeback.setOnPremisesGroupType(type);
		group.setWritebackConfiguration(writeback);
		return group;
	}

}
