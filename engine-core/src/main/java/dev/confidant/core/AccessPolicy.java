package dev.confidant.core;

import static java.util.Objects.requireNonNull;

import dev.confidant.api.AccessDeniedException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Every access rule of an engine, in one place: who is a member of which space with which {@link SpaceRole}, which
 * models a space may use ({@link ModelSpec#allowedSpaces()}), whether a space may send its own model endpoint, which
 * server tools a space may use, and which role each {@link Operation} needs. Set it with
 * {@link ChatEngines.Builder#accessPolicy}; the engine asks it before any stage runs, and an edge adapter (the REST
 * server) asks the same policy for its other operations. Immutable and thread-safe.
 *
 * {@snippet class=dev.confidant.core.CoreSnippets region=access-policy}
 *
 * <p>A request without a space acts in the caller's personal scope, which only the caller can read: every operation
 * is allowed there, no custom model endpoint, and only models without {@linkplain ModelSpec#allowedSpaces() space
 * restrictions}. The {@linkplain #OPEN open policy} (the default of an engine built in-process) knows no spaces and
 * allows every operation in every space, and custom model endpoints everywhere.
 */
public final class AccessPolicy {
  /** No members, no restrictions: every principal may do everything in every space. The builder's default. */
  public static final AccessPolicy OPEN = new AccessPolicy(Map.of(), true, ToolOptions.Access.ALL);

  private final Map<String, Space> spaces;
  private final boolean open;
  private final ToolOptions.Access tools;

  private AccessPolicy(Map<String, Space> spaces, boolean open, ToolOptions.Access tools) {
    this.spaces = spaces;
    this.open = open;
    this.tools = tools;
  }

  /**
   * A closed policy: only members act in a space, with their role.
   *
   * @throws IllegalArgumentException on a duplicate space id
   */
  public static AccessPolicy of(Collection<Space> spaces) {
    Map<String, Space> byId = new LinkedHashMap<>();
    for (Space space : spaces) {
      if (byId.putIfAbsent(space.id(), space) != null) {
        throw new IllegalArgumentException("duplicate space id '" + space.id() + "' in the access policy");
      }
    }
    return new AccessPolicy(java.util.Collections.unmodifiableMap(byId), false, ToolOptions.Access.ALL);
  }

  /** A copy where these rules say which server tools each space may use (default {@link ToolOptions.Access#ALL}). */
  public AccessPolicy withTools(ToolOptions.Access tools) {
    return new AccessPolicy(spaces, open, requireNonNull(tools, "tools"));
  }

  /** Whether this is a policy without members, which allows everything ({@link #OPEN} and its copies). */
  public boolean isOpen() {
    return open;
  }

  /**
   * What the caller may do here, and if not, why.
   *
   * @param spaceId the space, or {@code null} for the caller's personal scope
   */
  public Decision decide(String principal, @Nullable String spaceId, Operation operation) {
    requireNonNull(principal, "principal");
    requireNonNull(operation, "operation");
    if (open || spaceId == null) {
      return new Decision.Allowed(null);
    }
    Optional<SpaceRole> role = role(principal, spaceId);
    if (role.isEmpty()) {
      // The same answer for a space that does not exist: nobody learns which other spaces exist.
      return new Decision.NotAMember(spaceId, spacesOf(principal));
    }
    if (!role.get().includes(operation.least())) {
      return new Decision.RoleTooLow(spaceId, operation, role.get());
    }
    return new Decision.Allowed(role.get());
  }

  /**
   * Checks an operation.
   *
   * @return the caller's role in the space, or {@code null} in a personal scope or under an open policy
   * @throws AccessDeniedException if the caller may not do it, saying why
   */
  public @Nullable SpaceRole check(String principal, @Nullable String spaceId, Operation operation) {
    return switch (decide(principal, spaceId, operation)) {
      case Decision.Allowed allowed -> allowed.role();
      case Decision.NotAMember no -> throw new AccessDeniedException(no.message());
      case Decision.RoleTooLow low -> throw new AccessDeniedException(low.message());
    };
  }

  /** Whether requests of this space (or of a personal scope: {@code null}) may use the model. */
  public boolean allowsModel(@Nullable String spaceId, ModelSpec model) {
    return model.allowedSpaces().isEmpty() || (spaceId != null && model.allowedSpaces().contains(spaceId));
  }

  /** Whether requests of this space may name their own model endpoint (never those of a personal scope). */
  public boolean allowsCustomModelEndpoint(@Nullable String spaceId) {
    if (open) {
      return true;
    }
    Space space = spaceId == null ? null : spaces.get(spaceId);
    return space != null && space.customModelEndpoints();
  }

  /** Whether requests of this space (or without one) may use this server tool. */
  public boolean allowsTool(@Nullable String spaceId, String toolName) {
    return tools.allows(spaceId, toolName);
  }

  /** The principal's role in a space: empty if the space is unknown or the principal no member. */
  public Optional<SpaceRole> role(String principal, String spaceId) {
    Space space = spaces.get(spaceId);
    return space == null ? Optional.empty() : Optional.ofNullable(space.members().get(principal));
  }

  /** The ids of the spaces the principal is a member of, in the policy's order. */
  public List<String> spacesOf(String principal) {
    List<String> out = new ArrayList<>();
    spaces.values().forEach(s -> {
      if (s.members().containsKey(principal)) {
        out.add(s.id());
      }
    });
    return out;
  }

  /** The spaces, in the policy's order. */
  public List<Space> spaces() {
    return List.copyOf(spaces.values());
  }

  @Override
  public String toString() {
    return open ? "AccessPolicy[open]" : "AccessPolicy" + spaces.keySet();
  }

  /** What a caller does in a space, and the least role it needs. */
  public enum Operation {
    /** Chat completions, grounded in the space's collections and files. */
    CHAT(SpaceRole.VIEWER),
    /** List collections and documents, search uploaded files. */
    READ_KNOWLEDGE(SpaceRole.VIEWER),
    /** Upload files and add documents to collections. */
    WRITE_KNOWLEDGE(SpaceRole.EDITOR),
    /** Create collections. */
    MANAGE_COLLECTIONS(SpaceRole.ADMIN),
    /** Detect and mask personal data, reading, extending and deleting the caller's own thread mappings. */
    DETECT_PII(SpaceRole.VIEWER),
    /** Delete the PII mappings of other members' threads, or of the whole space. */
    MANAGE_PII_MAPPINGS(SpaceRole.ADMIN);

    private final SpaceRole least;

    Operation(SpaceRole least) {
      this.least = least;
    }

    /** The least role the operation needs. */
    public SpaceRole least() {
      return least;
    }
  }

  /**
   * A space and its members.
   *
   * @param id the space id
   * @param members principal name to role
   * @param customModelEndpoints whether requests of the space may name their own OpenAI-compatible endpoint (the
   *     engine then calls any URL a member sends: allow it only for trusted spaces)
   */
  public record Space(String id, Map<String, SpaceRole> members, boolean customModelEndpoints) {
    public Space {
      requireNonNull(id, "id");
      members = Map.copyOf(members);
    }

    /** A space without custom model endpoints. */
    public static Space of(String id, Map<String, SpaceRole> members) {
      return new Space(id, members, false);
    }

    /** A copy that allows custom model endpoints or not. */
    public Space withCustomModelEndpoints(boolean allow) {
      return new Space(id, members, allow);
    }
  }

  /** The answer of {@link #decide}: exhaustive over its three cases. */
  public sealed interface Decision {
    /** A message that says what is refused and what the caller may do instead; empty when allowed. */
    String message();

    /**
     * Allowed.
     *
     * @param role the caller's role, or {@code null} in a personal scope or under an open policy
     */
    record Allowed(@Nullable SpaceRole role) implements Decision {
      @Override
      public String message() {
        return "";
      }
    }

    /**
     * The caller is no member of the space (or the space does not exist: the two read the same).
     *
     * @param spaceId the space asked for
     * @param callersSpaces the spaces the caller is a member of
     */
    record NotAMember(String spaceId, List<String> callersSpaces) implements Decision {
      public NotAMember {
        callersSpaces = List.copyOf(callersSpaces);
      }

      @Override
      public String message() {
        return "Not authorized for space '" + spaceId + "'; "
            + (callersSpaces.isEmpty() ? "you are a member of no space" : "your spaces: " + callersSpaces);
      }
    }

    /**
     * The caller's role in the space is below what the operation needs.
     *
     * @param spaceId the space
     * @param operation what was refused
     * @param role the caller's role there
     */
    record RoleTooLow(String spaceId, Operation operation, SpaceRole role) implements Decision {
      @Override
      public String message() {
        return "This operation needs the " + name(operation.least()) + " role in space '" + spaceId
            + "'; your role there is " + name(role);
      }

      private static String name(SpaceRole role) {
        return role.name().toLowerCase(Locale.ROOT);
      }
    }
  }
}
