import Matching
import NuanqiCore
import Solvers
import Testing
import TestSupport

@Suite struct OptimalMatchingTests {
    /// Native and GLPK reach the same optimum as brute force on small random instances; every
    /// result passes the verifier; every infeasible verdict carries a Hall certificate that holds.
    @Test(arguments: Array(UInt64(0) ..< 1000))
    func nativeGLPKAndBruteForceAgree(seed: UInt64) throws {
        let instance = RandomMatchingInstances.instance(seed: seed)
        let model = try MatchingModel(instance, file: "random", runMonth: RandomMatchingInstances.asOf)
        let native = try OptimalMatching.solve(model, using: .native)
        if native.status == .infeasible {
            let certificate = try #require(native.infeasibility)
            #expect(MatchingVerifier.holds(certificate, of: model), "seed \(seed): \(certificate)")
        } else {
            let check = MatchingVerifier.verify(native, of: model)
            #expect(check.problems.isEmpty, "seed \(seed): \(check.problems)")
        }
        if model.candidates.count <= 14 {
            let expected = MatchingOracle.best(model)
            #expect((native.status == .infeasible) == (expected == nil), "seed \(seed)")
            if let expected, native.status == .optimal {
                #expect(native.objective == expected.score, "seed \(seed)")
                if instance.policy.coverageFirst { #expect(native.coveredEnterprises == expected.covered, "seed \(seed)") }
            }
        }
        if GLPK.isAvailable {
            let glpk = try OptimalMatching.solve(model, using: .glpk)
            #expect(glpk.status == native.status, "seed \(seed)")
            #expect(glpk.objective == native.objective, "seed \(seed)")
            if instance.policy.coverageFirst { #expect(glpk.coveredEnterprises == native.coveredEnterprises, "seed \(seed)") }
            if glpk.status == .optimal { #expect(MatchingVerifier.verify(glpk, of: model).feasible, "seed \(seed)") }
        }
    }

    @Test func randomFamilyCoversInfeasiblePinnedAndScored() throws {
        var infeasible = 0, pinned = 0, scored = 0
        for seed in UInt64(0) ..< 1000 {
            let instance = RandomMatchingInstances.instance(seed: seed)
            let model = try MatchingModel(instance, file: "random", runMonth: RandomMatchingInstances.asOf)
            if try OptimalMatching.hallViolation(model) != nil { infeasible += 1 }
            if !instance.pinned.isEmpty { pinned += 1 }
            if instance.scores != nil { scored += 1 }
        }
        #expect(infeasible >= 30, "\(infeasible)")
        #expect(pinned >= 100, "\(pinned)")
        #expect(scored >= 100, "\(scored)")
    }

    @Test func hallCertificateNamesTheBottleneck() throws {
        // Two key projects, both only reachable by C0 (the others are excluded by 回避).
        var policy = MatchingPolicy()
        policy.asOf = YearMonth(year: 2026, month: 11)
        let instance = MatchingInstance(
            policy: policy,
            cadres: [Cadre(id: "C0"), Cadre(id: "C1", department: "区经信局", retiredOn: YearMonth(year: 2025, month: 1))],
            enterprises: [Enterprise(id: "E0", mandatory: true, regulators: ["区经信局"]),
                          Enterprise(id: "E1", mandatory: true, regulators: ["区经信局"])])
        let model = try MatchingModel(instance, file: "x", runMonth: policy.asOf!)
        let solution = try OptimalMatching.solve(model, using: .native)
        #expect(solution.status == .infeasible)
        #expect(solution.infeasibility == HallCertificate(mandatoryEnterprises: [0, 1], cadres: [0], capacity: 1))
    }

    @Test func scoresFollowThePolicy() throws {
        var policy = MatchingPolicy()
        policy.asOf = YearMonth(year: 2026, month: 11)
        policy.weights.tags = ["environment": 2 * ScoreUnit.one]
        let cadre = Cadre(id: "C0", town: "盐仓", skills: ["environment": 3, "land": 1], ranking: ["E0", "E1", "E2"])
        let enterprises = (0 ..< 3).map { Enterprise(id: "E\($0)", town: $0 == 0 ? "盐仓" : "白泉", needs: ["environment": 2, "land": 3]) }
        let model = try MatchingModel(MatchingInstance(policy: policy, cadres: [cadre], enterprises: enterprises,
                                                       incumbents: [CadreEnterprisePair(cadre: "C0", enterprise: "E1")]),
                                      file: "x", runMonth: policy.asOf!)
        let first = try #require(model.candidates.first { $0.enterprise == 0 }?.breakdown)
        // fit = min(3,2)·2 + min(1,3)·1 = 5; rank 1 of 3 → 3/3 · 0.5; same town 0.2.
        #expect(first == ScoreBreakdown(fit: 5_000_000, cadreRanking: 500_000, enterpriseRanking: 0, sameTown: 200_000, continuity: 0))
        let second = try #require(model.candidates.first { $0.enterprise == 1 }?.breakdown)
        // rank 2 of 3 → 2/3 · 0.5 = 0.333333 (half up); continuity 1.0.
        #expect(second.cadreRanking == 333_333 && second.continuity == ScoreUnit.one && second.sameTown == 0)
    }

    @Test func minimumTopNeedLevelGuardsKeyProjects() throws {
        var policy = MatchingPolicy()
        policy.asOf = YearMonth(year: 2026, month: 11)
        policy.minTopNeedLevel = 2
        let project = Enterprise(id: "E0", needs: ["environment": 3, "land": 1], mandatory: true)
        let eligibility = Eligibility(policy: policy, asOf: policy.asOf!)
        #expect(eligibility.hardExclusion(Cadre(id: "C0", skills: ["environment": 1, "land": 3]), project, forbidden: false)
                == .belowTopNeedLevel(tag: "environment", level: 1, required: 2))
        #expect(eligibility.hardExclusion(Cadre(id: "C1", skills: ["environment": 2]), project, forbidden: false) == nil)
        var ordinary = project
        ordinary.mandatory = false
        #expect(eligibility.hardExclusion(Cadre(id: "C0", skills: ["environment": 1]), ordinary, forbidden: false) == nil)
    }

    @Test func invalidInstancesNameTheRecord() {
        let policy = MatchingPolicy()
        let month = YearMonth(year: 2026, month: 11)
        func model(_ instance: MatchingInstance) throws(InputError) { _ = try MatchingModel(instance, file: "m.json", runMonth: month) }
        #expect(throws: InputError.invalidValue(file: "m.json", line: 7, field: "cadres[1].id", reason: "\"C0\" is used twice (first on line 3)")) {
            try model(MatchingInstance(policy: policy, cadres: [Cadre(id: "C0", line: 3), Cadre(id: "C0", line: 7)], enterprises: []))
        }
        #expect(throws: InputError.self) {
            try model(MatchingInstance(policy: policy, cadres: [Cadre(id: "C0", capacity: 0)], enterprises: []))
        }
        #expect(throws: InputError.self) {
            try model(MatchingInstance(policy: policy, cadres: [Cadre(id: "C0", skills: ["x": 4])], enterprises: []))
        }
        #expect(throws: InputError.self) {
            try model(MatchingInstance(policy: policy, cadres: [Cadre(id: "C0", excludes: ["E0"])], enterprises: [Enterprise(id: "E0")],
                                       pinned: [CadreEnterprisePair(cadre: "C0", enterprise: "E0", line: 9)]))
        }
        #expect(throws: InputError.self) {
            try model(MatchingInstance(policy: policy, cadres: [Cadre(id: "C0", ranking: ["E9"])], enterprises: [Enterprise(id: "E0")]))
        }
    }
}

@Suite struct ForcingCostTests {
    /// Forcing an unassigned enterprise gives the same plan value as brute force restricted to
    /// plans that cover it.
    @Test(arguments: Array(UInt64(0) ..< 400))
    func forcedPlanMatchesBruteForce(seed: UInt64) throws {
        let instance = RandomMatchingInstances.instance(seed: seed)
        let model = try MatchingModel(instance, file: "random", runMonth: RandomMatchingInstances.asOf)
        guard model.candidates.count <= 14 else { return }
        let solution = try OptimalMatching.solve(model, using: .native)
        guard solution.status == .optimal else { return }
        let covered = Set(solution.assignments.map { model.candidates[$0].enterprise })
        for enterprise in model.enterprises.indices where !covered.contains(enterprise) && model.enterprises[enterprise].optedIn {
            let expected = MatchingOracle.best(model, alsoCovered: enterprise)
            let forced = try OptimalMatching.forced(model, enterprise: enterprise)
            #expect((forced == nil) == (expected == nil), "seed \(seed) enterprise \(enterprise)")
            if let forced, let expected {
                #expect(forced.objective == expected.score, "seed \(seed) enterprise \(enterprise)")
                // An extra requirement can never improve the plan.
                if instance.policy.coverageFirst {
                    #expect((forced.coveredEnterprises, forced.objective) <= (solution.coveredEnterprises, solution.objective), "seed \(seed)")
                } else {
                    #expect(forced.objective <= solution.objective, "seed \(seed)")
                }
            }
        }
    }
}
