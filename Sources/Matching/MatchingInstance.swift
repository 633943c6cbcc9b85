// The cadre–enterprise problem (暖企专员): who may be sent where, and how well each pair fits.
// Defined here once; the solvers that decide it are in OptimalMatching (and, later, the stable
// modes). Scores are integers in millionths of a point (`Score`), so optimization is exact and
// results are the same bytes on every machine.

import NuanqiCore

/// A score in millionths of a point: 12.5 points is 12_500_000.
public typealias Score = Int64

public enum ScoreUnit {
    public static let decimals = 6
    public static let one: Score = 1_000_000
}

/// A month, as planners write it: "2022-03".
public struct YearMonth: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]),
              let month = Int(parts[1]), (1 ... 12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    public var monthIndex: Int { year * 12 + (month - 1) }
    public var description: String {
        let yearText = String(year), monthText = String(month)
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-"
            + (month < 10 ? "0" : "") + monthText
    }
    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool { lhs.monthIndex < rhs.monthIndex }
}

public struct Cadre: Sendable, Equatable {
    public var id: String
    public var name: String
    public var department: String
    public var town: String
    public var capacity: Int
    /// Tag → level 0…3.
    public var skills: [String: Int]
    public var retiredOn: YearMonth?
    public var birthYear: Int?
    /// Districts or towns the cadre governed (回避 applies there during the cooling-off period).
    public var jurisdiction: [String]
    /// Acceptable enterprises, best first; nil when the cadre gave no list.
    public var ranking: [String]?
    public var excludes: [String]
    /// 1-based line of the cadre's record in its file, for explanations and errors.
    public var line: Int

    public init(id: String, name: String = "", department: String = "", town: String = "", capacity: Int = 1,
                skills: [String: Int] = [:], retiredOn: YearMonth? = nil, birthYear: Int? = nil,
                jurisdiction: [String] = [], ranking: [String]? = nil, excludes: [String] = [], line: Int = 0) {
        self.id = id; self.name = name; self.department = department; self.town = town
        self.capacity = capacity; self.skills = skills; self.retiredOn = retiredOn; self.birthYear = birthYear
        self.jurisdiction = jurisdiction; self.ranking = ranking; self.excludes = excludes; self.line = line
    }
}

public struct Enterprise: Sendable, Equatable {
    public var id: String
    public var name: String
    public var industry: String
    public var town: String
    /// The district (区/县) the enterprise is in, for the jurisdiction rule; optional.
    public var district: String
    public var capacity: Int
    public var needs: [String: Int]
    /// Key project (≥ 100 million yuan): must be covered.
    public var mandatory: Bool
    public var ranking: [String]?
    public var excludes: [String]
    /// Departments that regulate this enterprise (回避 for their retired cadres).
    public var regulators: [String]
    public var optedIn: Bool
    public var line: Int

    public init(id: String, name: String = "", industry: String = "", town: String = "", district: String = "",
                capacity: Int = 1, needs: [String: Int] = [:], mandatory: Bool = false, ranking: [String]? = nil,
                excludes: [String] = [], regulators: [String] = [], optedIn: Bool = true, line: Int = 0) {
        self.id = id; self.name = name; self.industry = industry; self.town = town; self.district = district
        self.capacity = capacity; self.needs = needs; self.mandatory = mandatory; self.ranking = ranking
        self.excludes = excludes; self.regulators = regulators; self.optedIn = optedIn; self.line = line
    }
}

/// Weights of the score, in millionths (1.0 = 1_000_000).
public struct MatchingWeights: Sendable, Equatable {
    public var fit: Score = ScoreUnit.one
    public var cadreRanking: Score = ScoreUnit.one / 2
    public var enterpriseRanking: Score = ScoreUnit.one / 2
    public var sameTown: Score = ScoreUnit.one / 5
    public var continuity: Score = ScoreUnit.one
    /// Per-tag weights; a tag not listed weighs 1.0.
    public var tags: [String: Score] = [:]

    public init() {}
}

public enum MatchingMode: String, Sendable, CaseIterable {
    case optimal
    case stable
    case stableOptimal = "stable-optimal"
}

public struct MatchingPolicy: Sendable, Equatable {
    public var mode: MatchingMode = .optimal
    /// Which side proposes in the stable modes: "cadres" or "enterprises".
    public var cadresPropose = true
    public var coverageFirst = true
    public var mutualConsent = true
    public var coolingOffYears = 3
    public var maxAge = 70
    public var maxPerDepartment: Int?
    public var maxPerTown: Int?
    /// A key project's cadre must reach this level on the project's top need (its highest
    /// need, ties by tag name); nil means no such requirement.
    public var minTopNeedLevel: Int?
    public var weights = MatchingWeights()
    /// Added to every incumbent pair's score (rounds): a plan that moves k incumbents must
    /// score at least k × churnThreshold more than keeping them. Explicit scores ignore it.
    public var churnThreshold: Score = 0
    /// The month the 回避 and age rules are judged at; nil means the month of the run.
    public var asOf: YearMonth?

    public init() {}
}

public struct CadreEnterprisePair: Sendable, Hashable {
    public var cadre: String
    public var enterprise: String
    public var line: Int

    public init(cadre: String, enterprise: String, line: Int = 0) {
        self.cadre = cadre
        self.enterprise = enterprise
        self.line = line
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.cadre == rhs.cadre && lhs.enterprise == rhs.enterprise }
    public func hash(into hasher: inout Hasher) { hasher.combine(cadre); hasher.combine(enterprise) }
}

public struct MatchingInstance: Sendable {
    public var policy: MatchingPolicy
    public var cadres: [Cadre]
    public var enterprises: [Enterprise]
    /// Explicit pair scores: when present, exactly these pairs are candidates.
    public var scores: [(pair: CadreEnterprisePair, score: Score)]?
    public var pinned: [CadreEnterprisePair]
    public var forbidden: [CadreEnterprisePair]
    public var incumbents: [CadreEnterprisePair]

    public init(policy: MatchingPolicy = MatchingPolicy(), cadres: [Cadre], enterprises: [Enterprise],
                scores: [(pair: CadreEnterprisePair, score: Score)]? = nil, pinned: [CadreEnterprisePair] = [],
                forbidden: [CadreEnterprisePair] = [], incumbents: [CadreEnterprisePair] = []) {
        self.policy = policy; self.cadres = cadres; self.enterprises = enterprises; self.scores = scores
        self.pinned = pinned; self.forbidden = forbidden; self.incumbents = incumbents
    }
}
