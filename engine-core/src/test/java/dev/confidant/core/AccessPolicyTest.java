package dev.confidant.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confidant.api.AccessDeniedException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
  private static final AccessPolicy POLICY = AccessPolicy.of(List.of(
      AccessPolicy.Space.of("support", Map.of("ada", SpaceRole.ADMIN, "bob", SpaceRole.VIEWER)),
      AccessPolicy.Space.of("research", Map.of("ada", SpaceRole.EDITOR)).withCustomModelEndpoints(true)));

  @Test
  void rolesIncludeTheLesserOnes() {
    assertThat(SpaceRole.ADMIN.includes(SpaceRole.EDITOR)).isTrue();
    assertThat(SpaceRole.EDITOR.includes(SpaceRole.VIEWER)).isTrue();
    assertThat(SpaceRole.VIEWER.includes(SpaceRole.EDITOR)).isFalse();
    assertThat(List.of(SpaceRole.values())).containsExactly(SpaceRole.VIEWER, SpaceRole.EDITOR, SpaceRole.ADMIN);
  }

  @Test
  void membersActWithTheirRoleAndOthersNotAtAll() {
    assertThat(POLICY.decide("ada", "support", AccessPolicy.Operation.MANAGE_COLLECTIONS))
        .isEqualTo(new AccessPolicy.Decision.Allowed(SpaceRole.ADMIN));
    assertThat(POLICY.decide("bob", "support", AccessPolicy.Operation.CHAT))
        .isEqualTo(new AccessPolicy.Decision.Allowed(SpaceRole.VIEWER));
    assertThat(POLICY.decide("bob", "support", AccessPolicy.Operation.WRITE_KNOWLEDGE))
        .isEqualTo(new AccessPolicy.Decision.RoleTooLow("support", AccessPolicy.Operation.WRITE_KNOWLEDGE,
            SpaceRole.VIEWER));
    assertThat(POLICY.check("ada", "research", AccessPolicy.Operation.WRITE_KNOWLEDGE)).isEqualTo(SpaceRole.EDITOR);
    assertThatThrownBy(() -> POLICY.check("bob", "research", AccessPolicy.Operation.CHAT))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("Not authorized for space 'research'; your spaces: [support]");
    assertThatThrownBy(() -> POLICY.check("bob", "support", AccessPolicy.Operation.MANAGE_PII_MAPPINGS))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("This operation needs the admin role in space 'support'; your role there is viewer");
  }

  @Test
  void anUnknownSpaceReadsLikeOneTheCallerIsNoMemberOf() {
    assertThat(POLICY.decide("eve", "nowhere", AccessPolicy.Operation.CHAT))
        .isEqualTo(new AccessPolicy.Decision.NotAMember("nowhere", List.of()));
    assertThat(POLICY.decide("eve", "support", AccessPolicy.Operation.CHAT))
        .isEqualTo(new AccessPolicy.Decision.NotAMember("support", List.of()));
    assertThat(POLICY.decide("eve", "support", AccessPolicy.Operation.CHAT).message())
        .isEqualTo("Not authorized for space 'support'; you are a member of no space");
  }

  @Test
  void aPersonalScopeIsTheCallersOwnButGetsNoCustomEndpointNorRestrictedModels() {
    ModelSpec restricted = ModelSpec.builder("team", "openai").allowedSpaces(Set.of("research")).build();
    assertThat(POLICY.decide("eve", null, AccessPolicy.Operation.CHAT))
        .isEqualTo(new AccessPolicy.Decision.Allowed(null));
    assertThat(POLICY.allowsCustomModelEndpoint(null)).isFalse();
    assertThat(POLICY.allowsModel(null, restricted)).isFalse();
    assertThat(POLICY.allowsModel("research", restricted)).isTrue();
    assertThat(POLICY.allowsModel("support", restricted)).isFalse();
    assertThat(POLICY.allowsModel(null, ModelSpec.of("open", "jlama"))).isTrue();
  }

  @Test
  void customEndpointsAndServerToolsArePerSpace() {
    assertThat(POLICY.allowsCustomModelEndpoint("research")).isTrue();
    assertThat(POLICY.allowsCustomModelEndpoint("support")).isFalse();
    assertThat(POLICY.allowsCustomModelEndpoint("nowhere")).isFalse();
    AccessPolicy tools = POLICY.withTools(ToolOptions.Access.NONE_BY_DEFAULT.withSpace("research", Set.of("search")));
    assertThat(tools.allowsTool("research", "search")).isTrue();
    assertThat(tools.allowsTool("support", "search")).isFalse();
    assertThat(tools.allowsTool(null, "search")).isFalse();
    assertThat(POLICY.allowsTool("support", "search")).isTrue(); // default: every tool
  }

  @Test
  void theOpenPolicyAllowsEverything() {
    assertThat(AccessPolicy.OPEN.isOpen()).isTrue();
    assertThat(AccessPolicy.OPEN.decide("anyone", "any-space", AccessPolicy.Operation.MANAGE_PII_MAPPINGS))
        .isEqualTo(new AccessPolicy.Decision.Allowed(null));
    assertThat(AccessPolicy.OPEN.allowsCustomModelEndpoint("any-space")).isTrue();
    assertThat(POLICY.isOpen()).isFalse();
    assertThat(POLICY.spacesOf("ada")).containsExactly("support", "research");
  }

  @Test
  void duplicateSpacesAreRefused() {
    assertThatThrownBy(() -> AccessPolicy.of(List.of(AccessPolicy.Space.of("s", Map.of()),
        AccessPolicy.Space.of("s", Map.of())))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'s'");
  }
}
