package io.clusterfactory.cfctl.k0s.phase;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UploadAirgapImagesTest {
  @Test
  void anArchiveNamedForAnArchitectureGoesToItsHostsOnly() {
    assertTrue(UploadAirgapImages.forArch("cfctl-images-amd64.tar", "amd64"));
    assertFalse(UploadAirgapImages.forArch("cfctl-images-amd64.tar", "arm64"));
    assertFalse(UploadAirgapImages.forArch("k0s-v1.31.2+k0s.0-arm64.tar", "amd64"));
    assertTrue(UploadAirgapImages.forArch("k0s-v1.31.2+k0s.0-arm.tar", "arm"));
    assertFalse(UploadAirgapImages.forArch("cfctl-images-arm.tar", "arm64"));
    assertTrue(UploadAirgapImages.forArch("site-images.tar", "arm64"), "no architecture: all");
  }
}
