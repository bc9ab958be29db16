package io.clusterfactory.cfctl.grendel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.clusterfactory.cfctl.grendel.Fixtures;
import io.clusterfactory.cfctl.grendel.model.GrendelJson;
import java.lang.reflect.RecordComponent;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigRecordsTest {
  private static final List<Class<?>> RECORDS =
      List.of(
          GrendelSpec.class,
          GrendelApiSpec.class,
          GrendelStorageSpec.class,
          BootImageSpec.class,
          NodeGroupSpec.class,
          BmcCredentialsSpec.class,
          SlurmNodeSpec.class);

  @Test
  @DisplayName("every config field has a JSON name and a description for the schema generator")
  void everyFieldDescribed() {
    for (Class<?> type : RECORDS) {
      for (RecordComponent component : type.getRecordComponents()) {
        String where = type.getSimpleName() + "." + component.getName();
        assertNotNull(component.getAccessor().getAnnotation(JsonProperty.class), where);
        JsonPropertyDescription description =
            component.getAccessor().getAnnotation(JsonPropertyDescription.class);
        assertNotNull(description, where);
        assertTrue(description.value().length() > 10, where);
      }
    }
  }

  @Test
  @DisplayName("the grendel block deserialises, with 'interface' and the generation spelling")
  void deserialises() {
    GrendelSpec spec = Fixtures.spec("small-grendel.json");
    assertEquals("eth1", spec.networkInterface());
    assertEquals(ApiGeneration.LEGACY, spec.apiGeneration());
    assertEquals(3, spec.groups().size());
    assertEquals(ApiGeneration.V0_2, ApiGeneration.fromId("v0.2"));
    assertThrows(IllegalArgumentException.class, () -> ApiGeneration.fromId("v0.3"));
    assertThrows(
        InvalidFormatException.class,
        () -> GrendelJson.mapper().readValue("{\"apiGeneration\":\"v0.3\"}", GrendelSpec.class));
    assertThrows(
        UnrecognizedPropertyException.class,
        () -> GrendelJson.mapper().readValue("{\"nodeNmae\":\"x\"}", GrendelSpec.class));
  }

  @Test
  @DisplayName("defaults are applied in one place")
  void defaults() {
    GrendelSpec spec =
        GrendelDefaults.apply(
            new GrendelSpec(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(new BootImageSpec("i", "/k", null, null, null, null, null, null, null)),
                List.of(
                    new NodeGroupSpec(
                        null, "a1", "i", null, null, null, null, null, null, null, null, null,
                        null)),
                null,
                null));
    assertEquals(ApiGeneration.LEGACY, spec.apiGeneration());
    assertEquals("20Gi", spec.storage().size());
    assertEquals(true, spec.groups().get(0).provision());
    assertEquals(List.of(), spec.groups().get(0).tags());
    assertEquals("", spec.images().get(0).cmdline());
    assertEquals(false, spec.images().get(0).verify());
  }
}
