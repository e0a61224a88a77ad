package dev.parley.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.Event;
import dev.parley.domain.Out;
import dev.parley.testing.Json;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every server frame the domain can make has an encoding: each permitted subtype of {@link Out}
 * (and, inside a live frame, of {@link Event}) is built by reflection from sample values and must
 * encode to an object with its own {@code type}. A new frame without an encoder fails here instead
 * of reaching clients as {@code {}}.
 */
class EveryFrameEncodesTest {

  @Test
  void everyFrameTypeEncodesWithItsOwnType() {
    Map<String, Class<?>> byType = new HashMap<>();
    for (Class<?> frame : Out.class.getPermittedSubclasses()) {
      if (frame == Out.Live.class) continue; // its type is its event's: below
      String type = typeOf((Out) sample(frame));
      assertThat(byType.put(type, frame))
          .as("%s and another frame both encode as %s", frame.getSimpleName(), type)
          .isNull();
    }
    assertThat(byType).hasSize(Out.class.getPermittedSubclasses().length - 1);
  }

  @Test
  void everyEventTypeEncodesLiveWithItsOwnType() {
    Map<String, Class<?>> byType = new HashMap<>();
    for (Class<?> event : Event.class.getPermittedSubclasses()) {
      String type = typeOf(new Out.Live((Event) sample(event)));
      assertThat(byType.put(type, event))
          .as("%s and another event both encode as %s", event.getSimpleName(), type)
          .isNull();
    }
  }

  private static String typeOf(Out frame) {
    JsonNode json = Json.parse(new String(WireJson.encode(frame), StandardCharsets.UTF_8));
    assertThat(json.path("type").isString())
        .as("%s encoded as %s", frame.getClass().getSimpleName(), json)
        .isTrue();
    assertThat(json.path("type").asString()).isNotBlank();
    return json.path("type").asString();
  }

  /**
   * A value of {@code type}: a record from samples of its components, the first case of a sealed
   * type or enum.
   */
  private static Object sample(Type type) {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      if (raw == List.class) return List.of(sample(p.getActualTypeArguments()[0]));
      if (raw == Map.class) return Map.of();
      throw new AssertionError("no sample of " + type + ": add one to this test");
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) return "x";
    if (c == long.class || c == Long.class) return 1L;
    if (c == int.class || c == Integer.class) return 1;
    if (c == boolean.class || c == Boolean.class) return true;
    if (c.isEnum()) return c.getEnumConstants()[0];
    if (c == Out.class) return new Out.Pong("p"); // inside a batch
    if (c.isSealed()) return sample(c.getPermittedSubclasses()[0]);
    if (c.isRecord()) return record(c);
    throw new AssertionError("no sample of " + c + ": add one to this test");
  }

  private static Object record(Class<?> c) {
    RecordComponent[] components = c.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] = sample(components[i].getGenericType());
    }
    try {
      Constructor<?> canonical = c.getDeclaredConstructor(types);
      canonical.setAccessible(true);
      return canonical.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot build a " + c.getSimpleName(), e);
    }
  }
}
