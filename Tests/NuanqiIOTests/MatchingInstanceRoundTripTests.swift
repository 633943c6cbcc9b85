import Matching
import NuanqiCore
import NuanqiIO
import Testing

@Suite struct MatchingInstanceRoundTripTests {
    /// Writing an instance and reading it back gives the same instance, so generated and
    /// emitted instances mean exactly what was generated.
    @Test func writerAndReaderAgree() throws {
        var instance = MatchingInstanceGenerator.instance(cadres: 40, enterprises: 70, candidates: 6, seed: 11)
        instance.policy.weights.tags = ["environment": 1_500_000]
        instance.pinned = [CadreEnterprisePair(cadre: "C00001", enterprise: "E00002")]
        instance.scores = [(CadreEnterprisePair(cadre: "C00003", enterprise: "E00004"), 12_500_000)]
        let text = MatchingInstanceWriter.json(instance).serialized()
        let back = try MatchingInstanceReader.parse(Array(text.utf8), file: "round.json")
        #expect(back.warnings.isEmpty)
        let reread = back.instance
        #expect(reread.policy == instance.policy)
        #expect(reread.cadres.map { Self.withoutLine($0) } == instance.cadres)
        #expect(reread.enterprises.map { Self.withoutLine($0) } == instance.enterprises)
        #expect(reread.pinned == instance.pinned)
        #expect(reread.scores?.map(\.score) == [12_500_000])
        #expect(MatchingInstanceWriter.json(reread).serialized() == text)
    }

    static func withoutLine(_ cadre: Cadre) -> Cadre { var copy = cadre; copy.line = 0; return copy }
    static func withoutLine(_ enterprise: Enterprise) -> Enterprise { var copy = enterprise; copy.line = 0; return copy }
}
