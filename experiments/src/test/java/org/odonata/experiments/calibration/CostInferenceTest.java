package org.odonata.experiments.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.odonata.api.cost.CostModel;

class CostInferenceTest {

    @Test
    void theMeasuredFieldsFollowTheirFormulasAndTheRestKeepThePresetCycles() {
        // 2 GHz: 500 ns syscall = 1000 cycles; pinned round trip 12 us -> switch (12000 - 2000) / 2 = 5000 ns
        Map<String, InferredCost> c = CostInference.infer(2_000_000_000L, 500, 12_000, 13_000, 21_000, true);
        assertEquals(2_000_000_000L, c.get("frequencyHz").value());
        assertEquals(1000, c.get("syscallEntry").value() + c.get("syscallExit").value());
        assertEquals(Math.round(1000.0 * 120 / 210), c.get("syscallEntry").value());
        assertEquals(10_000, c.get("contextSwitch").value());
        assertEquals(8_000, c.get("ipiSameL3").value(), "(21000 - 13000) / 2 ns of wall time at 2 GHz");
        assertTrue(c.get("contextSwitch").measured());
        assertEquals(CostModel.defaults().tlbMiss(), c.get("tlbMiss").value());
        assertFalse(c.get("tlbMiss").measured());
        assertEquals(CostModel.defaults().asMap().keySet(), c.keySet(), "every field, in the model's order");
    }

    @Test
    void aCrossCpuRoundTripNoSlowerThanThePinnedOneLeavesTheIpiAtThePresetAndSaysWhy() {
        Map<String, InferredCost> c = CostInference.infer(2_000_000_000L, 500, 12_000, 13_000, 9_000, true);
        assertEquals(CostModel.defaults().ipiSameL3(), c.get("ipiSameL3").value());
        assertFalse(c.get("ipiSameL3").measured());
        assertTrue(c.get("ipiSameL3").from().contains("was not slower"), c.get("ipiSameL3").from());
    }

    @Test
    void onALoadedHostWallTimesInferNothingButCpuTimesStillDo() {
        Map<String, InferredCost> c = CostInference.infer(2_000_000_000L, 500, 12_000, 13_000, 21_000, false);
        assertFalse(c.get("ipiSameL3").measured());
        assertTrue(c.get("ipiSameL3").from().contains("loaded"), c.get("ipiSameL3").from());
        assertEquals(10_000, c.get("contextSwitch").value());
    }
}
