package io.writebackbatch.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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

	@ParameterizedTest
	@ValueSource(
			strings = { "..", "", "0f9b6c5e-1234-4c1d-9e7a-2b3c4d5e6f70-and-more", "0f9b6c5e12344c1d9e7a2b3c4d5e6f70",
					"../../settings", "0f9b6c5e-1234-4c1d-9e7a-2b3c4d5e6f7g", "0f9b6c5e-1234-4c1d-9e7a-2b3c4d5e6f7\n" })
	void anIdThatIsNotAGuidIsLeftOutAndNamed(String id) {
		GroupPage page = ListedGroups.toPage(response(group(id, "universalSecurityGroup")));

		assertThat(page.groups()).isEmpty();
		assertThat(page.unusable()).singleElement().asString().contains("is not a GUID").doesNotContain("\n");
	}

	@ParameterizedTest
	@CsvSource({ "universalSecurityGroup, universalSecurityGroup", "UniversalSecurityGroup, universalSecurityGroup",
			"UNIVERSALDISTRIBUTIONGROUP, universalDistributionGroup",
			"universalmailenabledsecuritygroup, universalMailEnabledSecurityGroup", "someFutureType, someFutureType" })
	void graphsEnumValuesAreReadInAnyCasing(String listed, String staged) {
		GroupPage page = ListedGroups.toPage(response(group(ID, listed)));

		assertThat(page.groups()).singleElement().satisfies(g -> {
			assertThat(g.writeback().onPremisesGroupType()).isEqualTo(staged);
			assertThat(g.id()).isEqualTo(ID.toLowerCase());
		});
	}

	@ParameterizedTest
	@ValueSource(ints = { 65, 1000 })
	void aTypeLongerThanTheColumnIsLeftOutAndNamed(int length) {
		GroupPage page = ListedGroups.toPage(response(group(ID, "x".repeat(length))));

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
