// Modes `stable` and `stable-optimal`: "双向选择" taken literally — no cadre and enterprise
// would both rather be together than with what they got.
//
// Preferences: a side that gave a ranked list prefers in that order (eligible candidates only;
//   with mutual consent off, unlisted candidates follow by score); a side without a list
//   prefers higher scores, ties broken by id. Pinned pairs are fixed first and use up capacity;
//   stability is judged among the remaining candidate pairs.
// `stable`: deferred acceptance (Solvers.DeferredAcceptance), cadres or enterprises
//   proposing; the result is the proposing side's optimal stable matching.
// `stable-optimal`: the highest-scoring stable matching. When every cadre has at most one
//   free place, enterprises are split into single-place copies (Roth & Sotomayor, "Two-Sided
//   Matching", 1990, §5.3) and GLPK solves the linear program over the stable marriage polytope
//   (Vande Vate, "Linear programming brings marital bliss", Operations Research Letters 8,
//   1989, pp. 147–153; Rothblum, Mathematical Programming 54, 1992, pp. 57–67), whose vertices
//   are exactly the stable matchings. With larger cadre capacities it solves an exact MIP of
//   pairwise stability instead. Without GLPK the better of the two deferred-acceptance results
//   is returned as `feasible`, with the unconstrained optimum as its bound.
// Every result is checked by Solvers.BlockingPairs, which shares no code with the solvers.

import NuanqiCore
import Solvers

public enum StableModes {
    /// Preferences of the candidate pairs that are not pinned, with residual capacities.
    struct Market {
        var profile: PreferenceProfile
        /// Candidate index of (cadre, position in its list).
        var candidateOfCadreEntry: [Int]
        var pinned: [Int]
    }

    static func market(_ model: MatchingModel) throws -> Market {
        var cadreCapacity = model.cadres.map(\.capacity)
        var enterpriseCapacity = model.enterprises.map(\.capacity)
        var pinned: [Int] = []
        var cadreOptions = [[Int]](repeating: [], count: model.cadres.count)
        var enterpriseOptions = [[Int]](repeating: [], count: model.enterprises.count)
        for (index, candidate) in model.candidates.enumerated() {
            if candidate.pinned {
                pinned.append(index)
                cadreCapacity[candidate.cadre] -= 1
                enterpriseCapacity[candidate.enterprise] -= 1
            } else {
                cadreOptions[candidate.cadre].append(index)
                enterpriseOptions[candidate.enterprise].append(index)
            }
        }
        // Ties broken by id: positions in id order, so sorting compares integers only.
        let cadreIdOrder = Self.idOrder(model.cadres.map(\.id)), enterpriseIdOrder = Self.idOrder(model.enterprises.map(\.id))
        let candidates = model.candidates
        func order(_ options: [Int], rank: (CandidatePair) -> Int?, otherIdOrder: (CandidatePair) -> Int) -> [Int] {
            // (rank, higher score first, id order) as plain integers, sorted once.
            options.map { index -> (rank: Int, score: Score, id: Int, index: Int) in
                let candidate = candidates[index]
                return (rank(candidate) ?? Int.max, -candidate.score, otherIdOrder(candidate), index)
            }
            .sorted { ($0.rank, $0.score, $0.id) < ($1.rank, $1.score, $1.id) }
            .map(\.index)
        }
        var cadreLists: [[Int]] = []
        var candidateOfCadreEntry: [Int] = []
        for cadre in model.cadres.indices {
            let sorted = order(cadreOptions[cadre], rank: \.cadreRank) { enterpriseIdOrder[$0.enterprise] }
            cadreLists.append(sorted.map { model.candidates[$0].enterprise })
            candidateOfCadreEntry.append(contentsOf: sorted)
        }
        let enterpriseLists = model.enterprises.indices.map { enterprise in
            order(enterpriseOptions[enterprise], rank: \.enterpriseRank) { cadreIdOrder[$0.cadre] }.map { model.candidates[$0].cadre }
        }
        let profile = try PreferenceProfile(proposerCapacities: cadreCapacity.map { max(0, $0) },
                                            receiverCapacities: enterpriseCapacity.map { max(0, $0) },
                                            proposerLists: cadreLists, receiverLists: enterpriseLists)
        return Market(profile: profile, candidateOfCadreEntry: candidateOfCadreEntry, pinned: pinned)
    }

    /// Each id's position in sorted order.
    static func idOrder(_ ids: [String]) -> [Int] {
        var order = [Int](repeating: 0, count: ids.count)
        for (position, index) in ids.indices.sorted(by: { ids[$0] < ids[$1] }).enumerated() { order[index] = position }
        return order
    }

    /// Deferred acceptance with the chosen side proposing.
    public static func solve(_ model: MatchingModel, cadresPropose: Bool) throws -> MatchingSolution {
        let market = try market(model)
        let matching = deferredAcceptance(market, cadresPropose: cadresPropose)
        let side = cadresPropose ? "cadres" : "enterprises"
        return try solution(market, matching, model: model, status: .optimal, bound: nil,
                            solver: "native-deferred-acceptance",
                            reason: "deferred acceptance, \(side) proposing: the \(side)' best stable matching")
    }

    /// The highest-scoring stable matching (see the file comment for the methods).
    public static func solveBest(_ model: MatchingModel, using choice: SolverChoice,
                                 glpkOptions: GLPK.Options = GLPK.Options()) throws -> MatchingSolution {
        let market = try market(model)
        if choice != .native && GLPK.isAvailable {
            let singlePlaces = market.profile.proposerCapacities.allSatisfy { $0 <= 1 }
            let program = singlePlaces ? marriagePolytope(market, model: model) : pairwiseStabilityProgram(market, model: model)
            let result = try GLPK.solve(program.model, options: glpkOptions)
            if result.status == .optimal || result.status == .feasible {
                let matching = program.matching(result.columnValues)
                return try solution(market, matching, model: model, status: result.status,
                                    bound: result.bound.map { Score($0.rounded(.down)) + pinnedScore(market, model) },
                                    solver: singlePlaces ? "glpk-simplex" : "glpk-branch-and-cut",
                                    reason: singlePlaces ? "LP over the stable marriage polytope (enterprises split into single places); its vertices are the stable matchings"
                                                         : "cadres with several places: exact MIP of pairwise stability")
            }
        } else if choice == .glpk {
            throw SolverError.glpkUnavailable
        }
        let candidates = [deferredAcceptance(market, cadresPropose: true), deferredAcceptance(market, cadresPropose: false)]
        let scored = try candidates.map { try solution(market, $0, model: model, status: .feasible, bound: nil, solver: "", reason: "") }
        var best = scored[0].objective >= scored[1].objective ? scored[0] : scored[1]
        best.bound = try OptimalMatching.scoreBound(model)
        best.status = best.bound == best.objective ? .optimal : .feasible
        best.solver = "native-deferred-acceptance"
        best.reason = "no GLPK path: the better of the two deferred-acceptance matchings; bound from the best unconstrained assignment"
        return best
    }

    private static func deferredAcceptance(_ market: Market, cadresPropose: Bool) -> StableMatching {
        if cadresPropose { return DeferredAcceptance.solve(market.profile) }
        let byEnterprise = DeferredAcceptance.solve(market.profile.swapped)
        var partners = [[Int]](repeating: [], count: market.profile.proposerCount)
        for (enterprise, cadres) in byEnterprise.partners.enumerated() {
            for cadre in cadres { partners[cadre].append(enterprise) }
        }
        return StableMatching(partners: partners)
    }

    private static func pinnedScore(_ market: Market, _ model: MatchingModel) -> Score {
        market.pinned.reduce(0) { $0 + model.candidates[$1].score }
    }

    private static func solution(_ market: Market, _ matching: StableMatching, model: MatchingModel, status: SolveStatus,
                                 bound: Score?, solver: String, reason: String) throws -> MatchingSolution {
        var chosen = market.pinned
        for cadre in model.cadres.indices {
            let start = market.profile.proposerStarts[cadre]
            let list = market.profile.list(ofProposer: cadre)
            for enterprise in matching.partners[cadre] {
                let position = list.firstIndex(of: Int32(enterprise))! - list.startIndex
                chosen.append(market.candidateOfCadreEntry[start + position])
            }
        }
        chosen.sort()
        let blocking = try BlockingPairs.find(in: matching, of: market.profile).count
        let objective = chosen.reduce(Score(0)) { $0 + model.candidates[$1].score }
        let covered = Set(chosen.map { model.candidates[$0].enterprise }).count
        return MatchingSolution(status: status, assignments: chosen, objective: objective, coveredEnterprises: covered,
                                bound: bound ?? (status == .optimal ? objective : nil), solver: solver, reason: reason,
                                infeasibility: nil, blockingPairs: blocking)
    }

    // MARK: Programs for GLPK

    struct StabilityProgram {
        var model: LinearProgram
        var matching: ([Double]) -> StableMatching
    }

    /// One-to-one after splitting enterprises into single places: x(c, e_k) for acceptable
    /// pairs; each cadre and each place at most once; for every pair, x(c, e_k) + Σ x(c, better
    /// places for c) + Σ x(better cadres for e, e_k) ≥ 1.
    static func marriagePolytope(_ market: Market, model: MatchingModel) -> StabilityProgram {
        let profile = market.profile
        var program = LinearProgram(sense: .maximize)
        // Places: (enterprise, copy); a cadre ranks e_1 > e_2 > … at e's position.
        var variables: [(cadre: Int, enterprise: Int, copy: Int, cadreRank: Int, enterpriseRank: Int)] = []
        var enterpriseRankOf = [[Int: Int]](repeating: [:], count: profile.receiverCount)
        for enterprise in 0 ..< profile.receiverCount {
            for (rank, cadre) in profile.list(ofReceiver: enterprise).enumerated() { enterpriseRankOf[enterprise][Int(cadre)] = rank }
        }
        var scoreOf: [Int: Score] = [:]
        for cadre in 0 ..< profile.proposerCount where profile.proposerCapacities[cadre] > 0 {
            let start = profile.proposerStarts[cadre]
            var rank = 0
            for (position, enterprise32) in profile.list(ofProposer: cadre).enumerated() {
                let enterprise = Int(enterprise32)
                scoreOf[cadre * profile.receiverCount + enterprise] = model.candidates[market.candidateOfCadreEntry[start + position]].score
                for copy in 0 ..< profile.receiverCapacities[enterprise] {
                    variables.append((cadre, enterprise, copy, rank, enterpriseRankOf[enterprise][cadre]!))
                    rank += 1
                }
            }
        }
        for variable in variables {
            program.addColumn(lower: 0, objective: Double(scoreOf[variable.cadre * profile.receiverCount + variable.enterprise]!))
        }
        var byCadre = [Int: [Int]](), byPlace = [[Int]: [Int]]()
        for (index, variable) in variables.enumerated() {
            byCadre[variable.cadre, default: []].append(index)
            byPlace[[variable.enterprise, variable.copy], default: []].append(index)
        }
        for cadre in byCadre.keys.sorted() { program.addRow(byCadre[cadre]!.map { ($0, 1.0) }, upper: 1) }
        for place in byPlace.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) { program.addRow(byPlace[place]!.map { ($0, 1.0) }, upper: 1) }
        for (index, variable) in variables.enumerated() {
            var terms: [(column: Int, value: Double)] = [(index, 1)]
            for other in byCadre[variable.cadre]! where variables[other].cadreRank < variable.cadreRank { terms.append((other, 1)) }
            for other in byPlace[[variable.enterprise, variable.copy]]! where variables[other].enterpriseRank < variable.enterpriseRank {
                terms.append((other, 1))
            }
            program.addRow(terms, lower: 1)
        }
        return StabilityProgram(model: program) { values in
            var partners = [[Int]](repeating: [], count: profile.proposerCount)
            for (index, variable) in variables.enumerated() where values[index] > 0.5 { partners[variable.cadre].append(variable.enterprise) }
            return StableMatching(partners: partners.map { $0.sorted() })
        }
    }

    /// Pairwise stability for any capacities: binary x per pair; a = "the cadre is full with
    /// better partners", b = "the enterprise is full with better partners"; x + a + b ≥ 1.
    static func pairwiseStabilityProgram(_ market: Market, model: MatchingModel) -> StabilityProgram {
        let profile = market.profile
        var program = LinearProgram(sense: .maximize)
        var pairs: [(cadre: Int, enterprise: Int, cadreRank: Int, enterpriseRank: Int)] = []
        var enterpriseRankOf = [[Int: Int]](repeating: [:], count: profile.receiverCount)
        for enterprise in 0 ..< profile.receiverCount {
            for (rank, cadre) in profile.list(ofReceiver: enterprise).enumerated() { enterpriseRankOf[enterprise][Int(cadre)] = rank }
        }
        for cadre in 0 ..< profile.proposerCount {
            let start = profile.proposerStarts[cadre]
            for (rank, enterprise32) in profile.list(ofProposer: cadre).enumerated() {
                let enterprise = Int(enterprise32)
                pairs.append((cadre, enterprise, rank, enterpriseRankOf[enterprise][cadre]!))
                program.addColumn(lower: 0, upper: 1, objective: Double(model.candidates[market.candidateOfCadreEntry[start + rank]].score), isInteger: true)
            }
        }
        var byCadre = [[Int]](repeating: [], count: profile.proposerCount)
        var byEnterprise = [[Int]](repeating: [], count: profile.receiverCount)
        for (index, pair) in pairs.enumerated() {
            byCadre[pair.cadre].append(index)
            byEnterprise[pair.enterprise].append(index)
        }
        for cadre in byCadre.indices { program.addRow(byCadre[cadre].map { ($0, 1.0) }, upper: Double(profile.proposerCapacities[cadre])) }
        for enterprise in byEnterprise.indices { program.addRow(byEnterprise[enterprise].map { ($0, 1.0) }, upper: Double(profile.receiverCapacities[enterprise])) }
        for (index, pair) in pairs.enumerated() {
            let cadreFull = program.addColumn(lower: 0, upper: 1, isInteger: true)
            let enterpriseFull = program.addColumn(lower: 0, upper: 1, isInteger: true)
            program.addRow([(index, 1.0), (cadreFull, 1.0), (enterpriseFull, 1.0)], lower: 1)
            let cadreBetter = byCadre[pair.cadre].filter { pairs[$0].cadreRank < pair.cadreRank }.map { ($0, 1.0) }
            program.addRow(cadreBetter + [(cadreFull, -Double(profile.proposerCapacities[pair.cadre]))], lower: 0)
            let enterpriseBetter = byEnterprise[pair.enterprise].filter { pairs[$0].enterpriseRank < pair.enterpriseRank }.map { ($0, 1.0) }
            program.addRow(enterpriseBetter + [(enterpriseFull, -Double(profile.receiverCapacities[pair.enterprise]))], lower: 0)
        }
        return StabilityProgram(model: program) { values in
            var partners = [[Int]](repeating: [], count: profile.proposerCount)
            for (index, pair) in pairs.enumerated() where values[index] > 0.5 { partners[pair.cadre].append(pair.enterprise) }
            return StableMatching(partners: partners)
        }
    }
}
