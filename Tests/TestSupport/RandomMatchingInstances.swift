// Seeded random cadre–enterprise instances: capacities, mandatory enterprises, rankings with
// mutual consent, exclusions, 回避 conflicts, pins, forbidden pairs, explicit scores, ties.

import Matching
import NuanqiCore

public enum RandomMatchingInstances {
    public static let asOf = YearMonth(year: 2026, month: 11)

    public static func instance(seed: UInt64, maxCadres: Int = 7, maxEnterprises: Int = 7) -> MatchingInstance {
        var random = SeededGenerator(seed: seed)
        let tags = ["environment", "approval", "land", "finance"]
        let departments = ["区经信局", "区生态环境分局", "区自然资源局"]
        let towns = ["盐仓", "白泉", "干览"]
        let cadreCount = Int.random(in: 1 ... maxCadres, using: &random)
        let enterpriseCount = Int.random(in: 1 ... maxEnterprises, using: &random)
        var policy = MatchingPolicy()
        policy.asOf = asOf
        policy.coverageFirst = seed % 3 != 2
        policy.mutualConsent = seed % 5 != 4
        if seed % 11 == 3 { policy.minTopNeedLevel = 2 }
        let tied = seed % 4 == 1
        var cadres = (0 ..< cadreCount).map { index in
            Cadre(id: "C\(index)", department: departments.randomElement(using: &random)!,
                  town: towns.randomElement(using: &random)!,
                  capacity: seed % 6 == 0 ? Int.random(in: 1 ... 3, using: &random) : 1,
                  skills: Dictionary(uniqueKeysWithValues: tags.map { ($0, tied ? 1 : Int.random(in: 0 ... 3, using: &random)) }),
                  retiredOn: YearMonth(year: Int.random(in: 2020 ... 2025, using: &random), month: 3),
                  birthYear: Int.random(in: 1954 ... 1966, using: &random),
                  jurisdiction: Bool.random(using: &random) ? [towns.randomElement(using: &random)!] : [])
        }
        var enterprises = (0 ..< enterpriseCount).map { index in
            Enterprise(id: "E\(index)", town: towns.randomElement(using: &random)!,
                       capacity: seed % 6 == 3 ? Int.random(in: 1 ... 2, using: &random) : 1,
                       needs: Dictionary(uniqueKeysWithValues: tags.map { ($0, tied ? 2 : Int.random(in: 0 ... 3, using: &random)) }),
                       mandatory: Int.random(in: 0 ..< 4, using: &random) == 0,
                       regulators: Bool.random(using: &random) ? [departments.randomElement(using: &random)!] : [],
                       optedIn: Int.random(in: 0 ..< 8, using: &random) != 0)
        }
        for index in cadres.indices where Int.random(in: 0 ..< 3, using: &random) == 0 {
            cadres[index].ranking = enterprises.map(\.id).shuffled(using: &random).filter { _ in Bool.random(using: &random) }
        }
        for index in enterprises.indices where Int.random(in: 0 ..< 3, using: &random) == 0 {
            enterprises[index].ranking = cadres.map(\.id).shuffled(using: &random).filter { _ in Bool.random(using: &random) }
        }
        if Bool.random(using: &random), let cadre = cadres.indices.randomElement(using: &random) {
            cadres[cadre].excludes = [enterprises.randomElement(using: &random)!.id]
        }
        func randomPair() -> CadreEnterprisePair {
            CadreEnterprisePair(cadre: cadres.randomElement(using: &random)!.id, enterprise: enterprises.randomElement(using: &random)!.id)
        }
        var scores: [(pair: CadreEnterprisePair, score: Score)]? = nil
        if seed % 7 == 5 {
            var pairs = Set<CadreEnterprisePair>()
            for _ in 0 ..< cadreCount * 2 { pairs.insert(randomPair()) }
            scores = pairs.sorted { ($0.cadre, $0.enterprise) < ($1.cadre, $1.enterprise) }
                .map { ($0, Score(Int.random(in: -2 ... 20, using: &random)) * ScoreUnit.one / 2) }
        }
        let forbidden = Int.random(in: 0 ..< 3, using: &random) == 0 ? [randomPair()] : []
        let incumbents = Bool.random(using: &random) ? [randomPair()] : []
        var instance = MatchingInstance(policy: policy, cadres: cadres, enterprises: enterprises, scores: scores,
                                        forbidden: forbidden, incumbents: incumbents)
        // A pin is kept only if the instance stays valid with it.
        if Int.random(in: 0 ..< 3, using: &random) == 0 {
            var pinned = instance
            pinned.pinned = [randomPair()]
            if (try? MatchingModel(pinned, file: "random", runMonth: asOf)) != nil { instance = pinned }
        }
        return instance
    }
}
