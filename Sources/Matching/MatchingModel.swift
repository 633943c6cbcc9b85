// A MatchingInstance checked against itself and compiled for the solvers: ids resolved to
// indices, every eligible candidate pair listed once with its score and the score's parts.
// Cross-reference mistakes (unknown or duplicate ids, a pin that breaks a hard rule, …) are
// reported as InputError with the file, the line of the record and the field.

import NuanqiCore

/// The parts of a computed score (DESIGN: fit, both rankings, same town, continuity).
public struct ScoreBreakdown: Sendable, Equatable {
    public var fit: Score = 0
    public var cadreRanking: Score = 0
    public var enterpriseRanking: Score = 0
    public var sameTown: Score = 0
    public var continuity: Score = 0
    /// The policy's churnThreshold on an incumbent pair: what moving it must gain (rounds).
    public var churn: Score = 0

    public var total: Score { fit + cadreRanking + enterpriseRanking + sameTown + continuity + churn }

    public init(fit: Score = 0, cadreRanking: Score = 0, enterpriseRanking: Score = 0, sameTown: Score = 0, continuity: Score = 0, churn: Score = 0) {
        self.fit = fit
        self.cadreRanking = cadreRanking
        self.enterpriseRanking = enterpriseRanking
        self.sameTown = sameTown
        self.continuity = continuity
        self.churn = churn
    }
}

public struct CandidatePair: Sendable, Equatable {
    public var cadre: Int
    public var enterprise: Int
    public var score: Score
    /// Nil when the instance gave the score explicitly.
    public var breakdown: ScoreBreakdown?
    public var pinned: Bool
    /// 1-based position of the enterprise in the cadre's list and of the cadre in the
    /// enterprise's list, nil when not listed (or no list).
    public var cadreRank: Int? = nil
    public var enterpriseRank: Int? = nil
}

/// One side's ranked lists resolved to indices, all in flat arrays (no per-list storage to
/// reference-count): owner o's (other, rank) pairs sit at starts[o] ..< starts[o + 1], sorted
/// by other, so a rank is found by binary search without hashing.
struct RankTable {
    private var starts: [Int] = [0]
    private var others: [Int32] = []
    private var ranks: [Int32] = []
    private var listed: [Bool] = []

    init(_ lists: [[Int]?]) {
        for list in lists {
            listed.append(list != nil)
            for (rank, other) in (list ?? []).enumerated().sorted(by: { $0.element < $1.element }) {
                others.append(Int32(other))
                ranks.append(Int32(rank + 1))
            }
            starts.append(others.count)
        }
    }

    /// Whether the owner gave a list at all.
    func hasList(_ owner: Int) -> Bool { listed[owner] }

    func length(_ owner: Int) -> Int { starts[owner + 1] - starts[owner] }

    /// 1-based rank of `other` in the owner's list, nil when not listed.
    func rank(of other: Int, by owner: Int) -> Int? {
        var low = starts[owner], high = starts[owner + 1]
        let end = high
        while low < high {
            let middle = (low + high) / 2
            if Int(others[middle]) < other { low = middle + 1 } else { high = middle }
        }
        return low < end && Int(others[low]) == other ? Int(ranks[low]) : nil
    }
}

public struct MatchingModel: Sendable {
    public private(set) var instance: MatchingInstance
    public let file: String
    public private(set) var eligibility: Eligibility
    public let cadreIndex: [String: Int]
    public let enterpriseIndex: [String: Int]
    /// Eligible pairs (and all pins), sorted by (enterprise, cadre).
    public private(set) var candidates: [CandidatePair] = []
    /// Enterprise e's candidates are candidates[candidateStarts[e] ..< candidateStarts[e + 1]].
    public private(set) var candidateStarts: [Int] = []

    /// Each cadre's ranking as enterprise indices, each enterprise's as cadre indices (nil: no list).
    private var cadreRankings: [[Int]?] = []
    private var enterpriseRankings: [[Int]?] = []

    /// Candidate pairs beyond this need explicit scores or rankings to name them.
    public static let candidateLimit = 20_000_000

    /// `observer` hears how long validation and building the candidates took.
    public init(_ instance: MatchingInstance, file: String, runMonth: YearMonth, observer: PhaseObserver? = nil) throws(InputError) {
        self.instance = instance
        self.file = file
        eligibility = Eligibility(policy: instance.policy, asOf: instance.policy.asOf ?? runMonth)
        cadreIndex = try Self.index(instance.cadres.map { ($0.id, $0.line) }, file: file, what: "cadres")
        enterpriseIndex = try Self.index(instance.enterprises.map { ($0.id, $0.line) }, file: file, what: "enterprises")
        try observe("validate", by: observer) { () throws(InputError) in try validateRecords() }
        try observe("build model", by: observer) { () throws(InputError) in try buildCandidates() }
    }

    public var cadres: [Cadre] { instance.cadres }
    public var enterprises: [Enterprise] { instance.enterprises }

    private static func index(_ ids: [(String, Int)], file: String, what: String) throws(InputError) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(ids.count)
        for (position, (id, line)) in ids.enumerated() {
            guard !id.isEmpty else { throw .invalidValue(file: file, line: line, field: "\(what)[\(position)].id", reason: "is empty") }
            if let first = index[id] {
                throw .invalidValue(file: file, line: line, field: "\(what)[\(position)].id",
                                    reason: "\"\(id)\" is used twice (first on line \(ids[first].1))")
            }
            index[id] = position
        }
        return index
    }

    private mutating func validateRecords() throws(InputError) {
        for (position, cadre) in cadres.enumerated() {
            let field = "cadres[\(position)]"
            guard cadre.capacity >= 1 else { throw .invalidValue(file: file, line: cadre.line, field: field + ".capacity", reason: "\(cadre.capacity) must be at least 1") }
            try checkLevels(cadre.skills, line: cadre.line, field: field + ".skills")
            cadreRankings.append(try cadre.ranking.map { list throws(InputError) in
                try resolveIds(list, in: enterpriseIndex, line: cadre.line, field: field + ".ranking", kind: "enterprise", unique: true)
            })
            _ = try resolveIds(cadre.excludes, in: enterpriseIndex, line: cadre.line, field: field + ".excludes", kind: "enterprise", unique: false)
        }
        for (position, enterprise) in enterprises.enumerated() {
            let field = "enterprises[\(position)]"
            guard enterprise.capacity >= 1 else { throw .invalidValue(file: file, line: enterprise.line, field: field + ".capacity", reason: "\(enterprise.capacity) must be at least 1") }
            try checkLevels(enterprise.needs, line: enterprise.line, field: field + ".needs")
            enterpriseRankings.append(try enterprise.ranking.map { list throws(InputError) in
                try resolveIds(list, in: cadreIndex, line: enterprise.line, field: field + ".ranking", kind: "cadre", unique: true)
            })
            _ = try resolveIds(enterprise.excludes, in: cadreIndex, line: enterprise.line, field: field + ".excludes", kind: "cadre", unique: false)
        }
        for (name, pairs) in [("pinned", instance.pinned), ("forbidden", instance.forbidden), ("incumbents", instance.incumbents)] {
            for pair in pairs { _ = try resolve(pair, field: name) }
        }
        if let scores = instance.scores {
            var seen: [CadreEnterprisePair: Int] = [:]
            for (pair, _) in scores {
                _ = try resolve(pair, field: "scores")
                if let first = seen[pair] {
                    throw .invalidValue(file: file, line: pair.line, field: "scores",
                                        reason: "the pair \(pair.cadre)–\(pair.enterprise) is scored twice (first on line \(first))")
                }
                seen[pair] = pair.line
            }
        }
        let forbidden = Set(instance.forbidden)
        var pinsPerCadre = [Int](repeating: 0, count: cadres.count)
        var pinsPerEnterprise = [Int](repeating: 0, count: enterprises.count)
        var pinSeen = Set<CadreEnterprisePair>()
        for pin in instance.pinned {
            let (cadre, enterprise) = try resolve(pin, field: "pinned")
            guard pinSeen.insert(pin).inserted else {
                throw .invalidValue(file: file, line: pin.line, field: "pinned", reason: "the pair \(pin.cadre)–\(pin.enterprise) is pinned twice")
            }
            if let rule = eligibility.hardExclusion(cadres[cadre], enterprises[enterprise], forbidden: forbidden.contains(pin)) {
                throw .invalidValue(file: file, line: pin.line, field: "pinned",
                                    reason: "the pin \(pin.cadre)–\(pin.enterprise) breaks a hard rule: \(rule)")
            }
            pinsPerCadre[cadre] += 1
            pinsPerEnterprise[enterprise] += 1
            if pinsPerCadre[cadre] > cadres[cadre].capacity {
                throw .invalidValue(file: file, line: pin.line, field: "pinned",
                                    reason: "cadre \(pin.cadre) is pinned to more enterprises than its capacity \(cadres[cadre].capacity)")
            }
            if pinsPerEnterprise[enterprise] > enterprises[enterprise].capacity {
                throw .invalidValue(file: file, line: pin.line, field: "pinned",
                                    reason: "enterprise \(pin.enterprise) is pinned to more cadres than its capacity \(enterprises[enterprise].capacity)")
            }
        }
    }

    private func checkLevels(_ levels: [String: Int], line: Int, field: String) throws(InputError) {
        for (tag, level) in levels.sorted(by: { $0.key < $1.key }) where !(0 ... 3).contains(level) {
            throw .invalidValue(file: file, line: line, field: "\(field).\(tag)", reason: "level \(level) is outside 0…3")
        }
    }

    /// The ids as indices; with `unique`, an id listed twice is an error.
    private func resolveIds(_ ids: [String], in index: [String: Int], line: Int, field: String, kind: String, unique: Bool) throws(InputError) -> [Int] {
        var resolved: [Int] = []
        resolved.reserveCapacity(ids.count)
        for id in ids {
            guard let position = index[id] else { throw .invalidValue(file: file, line: line, field: field, reason: "unknown \(kind) \"\(id)\"") }
            resolved.append(position)
        }
        // Lists are short (tens to hundreds): sorting a copy finds repeats without hashing.
        let sorted = unique ? resolved.sorted() : []
        if let repeated = zip(sorted, sorted.dropFirst()).first(where: { $0 == $1 }) {
            throw .invalidValue(file: file, line: line, field: field, reason: "lists \"\(ids[resolved.firstIndex(of: repeated.0)!])\" twice")
        }
        return resolved
    }

    private func resolve(_ pair: CadreEnterprisePair, field: String) throws(InputError) -> (Int, Int) {
        guard let cadre = cadreIndex[pair.cadre] else {
            throw .invalidValue(file: file, line: pair.line, field: field + ".cadre", reason: "unknown cadre \"\(pair.cadre)\"")
        }
        guard let enterprise = enterpriseIndex[pair.enterprise] else {
            throw .invalidValue(file: file, line: pair.line, field: field + ".enterprise", reason: "unknown enterprise \"\(pair.enterprise)\"")
        }
        return (cadre, enterprise)
    }

    // MARK: Candidates and scores

    private mutating func buildCandidates() throws(InputError) {
        let forbidden = Set(instance.forbidden.map { Self.key(cadreIndex[$0.cadre]!, enterpriseIndex[$0.enterprise]!, enterprises.count) })
        let pinned = Set(instance.pinned.map { Self.key(cadreIndex[$0.cadre]!, enterpriseIndex[$0.enterprise]!, enterprises.count) })
        let incumbents = Set(instance.incumbents.map { Self.key(cadreIndex[$0.cadre]!, enterpriseIndex[$0.enterprise]!, enterprises.count) })
        let cadreRanks = RankTable(cadreRankings), enterpriseRanks = RankTable(enterpriseRankings)
        let tables = ScoringTables(self)

        var pairs: [(cadre: Int, enterprise: Int, given: Score?)] = []
        if let scores = instance.scores {
            pairs = scores.map { (cadreIndex[$0.pair.cadre]!, enterpriseIndex[$0.pair.enterprise]!, $0.score) }
        } else {
            for enterprise in enterprises.indices {
                if instance.policy.mutualConsent, let ranking = enterpriseRankings[enterprise] {
                    for cadre in ranking { pairs.append((cadre, enterprise, nil)) }
                } else {
                    guard pairs.count + cadres.count <= Self.candidateLimit else {
                        throw .unreadable(file: file, reason: "more than \(Self.candidateLimit) candidate pairs: give explicit scores or rankings to name the candidates")
                    }
                    for cadre in cadres.indices { pairs.append((cadre, enterprise, nil)) }
                }
            }
        }
        // Pins are candidates even where consent or the score list would drop them (协调选派);
        // a pin missing from explicit scores scores 0.
        let listed = pinned.isEmpty ? [] : Set(pairs.map { Self.key($0.cadre, $0.enterprise, enterprises.count) })
        for pin in pinned.sorted() where !listed.contains(pin) {
            pairs.append((pin / enterprises.count, pin % enterprises.count, instance.scores == nil ? nil : 0))
        }

        // Sorting the small tuples rather than the finished candidates moves far less memory.
        pairs.sort { ($0.enterprise, $0.cadre) < ($1.enterprise, $1.cadre) }
        candidates.reserveCapacity(pairs.count)
        // Raw buffers: indexing the arrays would copy a Cadre and an Enterprise (a dozen
        // reference counts each) per pair; a buffer's element is borrowed in place.
        instance.cadres.withUnsafeBufferPointer { allCadres in
        instance.enterprises.withUnsafeBufferPointer { allEnterprises in
        for (cadre, enterprise, given) in pairs {
            let key = Self.key(cadre, enterprise, allEnterprises.count)
            let isPinned = !pinned.isEmpty && pinned.contains(key)
            let cadreRank = cadreRanks.rank(of: enterprise, by: cadre), enterpriseRank = enterpriseRanks.rank(of: cadre, by: enterprise)
            if !isPinned {
                if eligibility.hardExclusion(allCadres[cadre], allEnterprises[enterprise], forbidden: !forbidden.isEmpty && forbidden.contains(key)) != nil { continue }
                let cadreListsIt: Bool? = cadreRanks.hasList(cadre) ? cadreRank != nil : nil
                let enterpriseListsIt: Bool? = enterpriseRanks.hasList(enterprise) ? enterpriseRank != nil : nil
                if eligibility.consentExclusion(cadreListsIt: cadreListsIt, enterpriseListsIt: enterpriseListsIt) != nil { continue }
            }
            var candidate = CandidatePair(cadre: cadre, enterprise: enterprise, score: given ?? 0, breakdown: nil, pinned: isPinned,
                                          cadreRank: cadreRank, enterpriseRank: enterpriseRank)
            if given == nil {
                let breakdown = score(cadre, enterprise, cadreRank: cadreRank.map { ($0, cadreRanks.length(cadre)) },
                                      enterpriseRank: enterpriseRank.map { ($0, enterpriseRanks.length(enterprise)) },
                                      incumbent: !incumbents.isEmpty && incumbents.contains(key), tables: tables)
                candidate.score = breakdown.total
                candidate.breakdown = breakdown
            }
            candidates.append(candidate)
        }
        }
        }
        candidateStarts = [Int](repeating: 0, count: enterprises.count + 1)
        for candidate in candidates { candidateStarts[candidate.enterprise + 1] += 1 }
        for enterprise in enterprises.indices { candidateStarts[enterprise + 1] += candidateStarts[enterprise] }
    }

    static func key(_ cadre: Int, _ enterprise: Int, _ enterpriseCount: Int) -> Int { cadre * enterpriseCount + enterprise }

    /// This model with other capacities (cadres and enterprises, by index) and key-project
    /// flags: the candidates and scores do not depend on them (unless a minimum level for key
    /// projects is set), so a what-if that changes only these keeps them. Nil when that does
    /// not hold or the new values would fail validation (the full build then reports it).
    public func replacingCapacities(cadres: [Int: Int], enterprises: [Int: (capacity: Int, mandatory: Bool)]) -> MatchingModel? {
        var model = self
        for (index, capacity) in cadres {
            guard capacity >= 1 else { return nil }
            model.instance.cadres[index].capacity = capacity
        }
        for (index, change) in enterprises {
            guard change.capacity >= 1 else { return nil }
            if change.mandatory != instance.enterprises[index].mandatory && instance.policy.minTopNeedLevel != nil { return nil }
            model.instance.enterprises[index].capacity = change.capacity
            model.instance.enterprises[index].mandatory = change.mandatory
        }
        var pinsPerCadre = [Int](repeating: 0, count: model.cadres.count), pinsPerEnterprise = [Int](repeating: 0, count: model.enterprises.count)
        for candidate in candidates where candidate.pinned {
            pinsPerCadre[candidate.cadre] += 1
            pinsPerEnterprise[candidate.enterprise] += 1
        }
        guard model.cadres.indices.allSatisfy({ pinsPerCadre[$0] <= model.cadres[$0].capacity }),
              model.enterprises.indices.allSatisfy({ pinsPerEnterprise[$0] <= model.enterprises[$0].capacity }) else { return nil }
        return model
    }

    /// This model under a policy that changes only how the plan is chosen — mode, proposing
    /// side, coverage first, per-department and per-town limits — so eligibility, candidates
    /// and scores carry over (what-if sweeps of those settings skip rebuilding them). Nil when
    /// the policy changes who is eligible or how a pair scores.
    public func replacingSolvePolicy(_ policy: MatchingPolicy) -> MatchingModel? {
        let old = instance.policy
        guard policy.mutualConsent == old.mutualConsent, policy.coolingOffYears == old.coolingOffYears, policy.maxAge == old.maxAge,
              policy.minTopNeedLevel == old.minTopNeedLevel, policy.weights == old.weights, policy.asOf == old.asOf,
              policy.churnThreshold == old.churnThreshold else { return nil }
        var model = self
        model.instance.policy = policy
        model.eligibility = Eligibility(policy: policy, asOf: eligibility.asOf)
        return model
    }

    /// DESIGN's score: fit = Σ min(skill, need) × tag weight × fit weight; a rank r in a list
    /// of length L gives (L − r + 1) / L × weight; same town and continuity add their weights;
    /// an incumbent pair also carries the churn threshold, so a plan moves incumbents only when
    /// that gains at least the threshold per incumbent moved.
    /// Products of weights are rounded half up to millionths.
    func score(_ cadre: Int, _ enterprise: Int, cadreRank: (rank: Int, length: Int)?,
               enterpriseRank: (rank: Int, length: Int)?, incumbent: Bool, tables: ScoringTables) -> ScoreBreakdown {
        let weights = instance.policy.weights
        var breakdown = ScoreBreakdown()
        var fitMillionths: Score = 0
        for need in tables.needs[enterprise] {
            let level = min(need.level, Int(tables.skills[cadre * tables.tagCount + need.tag]))
            fitMillionths += Score(level) * tables.weights[need.tag]
        }
        breakdown.fit = Self.divideRoundingHalfUp(fitMillionths * weights.fit, by: ScoreUnit.one)
        if let entry = cadreRank {
            breakdown.cadreRanking = Self.divideRoundingHalfUp(Score(entry.length - entry.rank + 1) * weights.cadreRanking, by: Score(entry.length))
        }
        if let entry = enterpriseRank {
            breakdown.enterpriseRanking = Self.divideRoundingHalfUp(Score(entry.length - entry.rank + 1) * weights.enterpriseRanking, by: Score(entry.length))
        }
        if tables.cadreTown[cadre] >= 0 && tables.cadreTown[cadre] == tables.enterpriseTown[enterprise] { breakdown.sameTown = weights.sameTown }
        if incumbent {
            breakdown.continuity = weights.continuity
            breakdown.churn = instance.policy.churnThreshold
        }
        return breakdown
    }

    /// Tags and towns interned once, so scoring a pair hashes no strings: each cadre's skill
    /// levels in a dense row, each enterprise's needs as (tag, level), each tag's weight, each
    /// cadre's and enterprise's town as a number (−1: none given).
    struct ScoringTables {
        let tagCount: Int
        let skills: [Int8]
        let needs: [[(tag: Int, level: Int)]]
        let weights: [Score]
        let cadreTown: [Int]
        let enterpriseTown: [Int]

        init(_ model: MatchingModel) {
            var index: [String: Int] = [:]
            for enterprise in model.enterprises { for tag in enterprise.needs.keys where index[tag] == nil { index[tag] = index.count } }
            tagCount = index.count
            var skills = [Int8](repeating: 0, count: model.cadres.count * max(1, index.count))
            for (position, cadre) in model.cadres.enumerated() {
                for (tag, level) in cadre.skills { if let column = index[tag] { skills[position * index.count + column] = Int8(level) } }
            }
            self.skills = skills
            needs = model.enterprises.map { enterprise in enterprise.needs.map { (index[$0.key]!, $0.value) } }
            var weights = [Score](repeating: ScoreUnit.one, count: index.count)
            for (tag, column) in index { weights[column] = model.instance.policy.weights.tags[tag] ?? ScoreUnit.one }
            self.weights = weights
            var towns: [String: Int] = [:]
            func town(_ name: String) -> Int {
                guard !name.isEmpty else { return -1 }
                if let known = towns[name] { return known }
                towns[name] = towns.count
                return towns.count - 1
            }
            cadreTown = model.cadres.map { town($0.town) }
            enterpriseTown = model.enterprises.map { town($0.town) }
        }
    }

    static func divideRoundingHalfUp(_ value: Score, by divisor: Score) -> Score {
        let quotient = value / divisor, remainder = value % divisor
        if remainder >= 0 { return 2 * remainder >= divisor ? quotient + 1 : quotient }
        return -2 * remainder > divisor ? quotient - 1 : quotient
    }
}
