// Seeded, realistic cadre–enterprise instances at any size up to the province case
// (10,000 × 10,000): Zhoushan-style industries with their needs, 31 district departments,
// towns, retirement dates and ages that trigger 回避 and the age limit now and then, key
// projects, and `candidates` ranked cadres per enterprise (so mutual consent keeps the
// candidate set at enterprises × candidates pairs). Same seed, same instance, byte for byte.

import NuanqiCore

public enum MatchingInstanceGenerator {
    public static let industries: [(name: String, needs: [String], regulators: [String])] = [
        ("ship-repair-and-marine-engineering", ["safety", "port", "talent"], ["区交通运输局", "区应急管理局"]),
        ("petrochemical-new-materials", ["environment", "safety", "land"], ["区生态环境分局", "区应急管理局"]),
        ("high-end-equipment", ["technology", "land", "finance"], ["区经信局"]),
        ("marine-bio-medicine", ["approval", "environment", "technology"], ["区市场监管局", "区生态环境分局"]),
        ("marine-electronics", ["technology", "export", "talent"], ["区经信局", "区商务局"]),
    ]
    public static let departments = [
        "区发改局", "区经信局", "区科技局", "区财政局", "区人社局", "区自然资源局", "区生态环境分局", "区住建局",
        "区交通运输局", "区农业农村局", "区商务局", "区文广旅体局", "区卫健局", "区应急管理局", "区审计局",
        "区市场监管局", "区统计局", "区医保局", "区综合执法局", "区海洋与渔业局", "区税务局", "区金融办",
        "区投资促进中心", "区政务服务中心", "区司法局", "区民政局", "区教育局", "区水利局", "区档案局",
        "区信访局", "区工商联",
    ]
    public static let towns = ["盐仓", "白泉", "干览", "岑港", "小沙", "马岙", "双桥", "昌国", "环南", "城东", "解放", "北蝉", "金塘"]
    public static let tags = ["safety", "port", "talent", "environment", "land", "technology", "finance", "approval", "export"]

    /// "C00042": fixed width, so ids sort in creation order.
    static func identifier(_ prefix: String, _ number: Int) -> String {
        let digits = String(number)
        return prefix + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    public static func instance(cadres cadreCount: Int, enterprises enterpriseCount: Int, candidates: Int, seed: UInt64) -> MatchingInstance {
        var random = SeededGenerator(seed: seed)
        var policy = MatchingPolicy()
        policy.asOf = YearMonth(year: 2026, month: 11)
        let cadres = (0 ..< cadreCount).map { index -> Cadre in
            let department = departments.randomElement(using: &random)!
            var skills: [String: Int] = [:]
            for tag in tags.shuffled(using: &random).prefix(Int.random(in: 2 ... 4, using: &random)) {
                skills[tag] = Int.random(in: 1 ... 3, using: &random)
            }
            let town = towns.randomElement(using: &random)!
            return Cadre(id: identifier("C", index + 1), name: "干部\(index + 1)", department: department, town: town,
                         capacity: Int.random(in: 0 ..< 20, using: &random) == 0 ? 2 : 1, skills: skills,
                         retiredOn: YearMonth(year: Int.random(in: 2015 ... 2025, using: &random), month: Int.random(in: 1 ... 12, using: &random)),
                         birthYear: Int.random(in: 1954 ... 1966, using: &random),
                         jurisdiction: Int.random(in: 0 ..< 10, using: &random) == 0 ? [town] : [])
        }
        let enterprises = (0 ..< enterpriseCount).map { index -> Enterprise in
            let industry = industries.randomElement(using: &random)!
            var needs: [String: Int] = [:]
            for tag in industry.needs { needs[tag] = Int.random(in: 1 ... 3, using: &random) }
            let pool = min(candidates, cadreCount)
            var ranking: [String] = []
            var chosen = Set<Int>()
            while ranking.count < pool {
                let cadre = Int.random(in: 0 ..< cadreCount, using: &random)
                if chosen.insert(cadre).inserted { ranking.append(cadres[cadre].id) }
            }
            return Enterprise(id: identifier("E", index + 1), name: "企业\(index + 1)", industry: industry.name,
                              town: towns.randomElement(using: &random)!, district: "定海区",
                              capacity: Int.random(in: 0 ..< 25, using: &random) == 0 ? 2 : 1, needs: needs,
                              mandatory: Int.random(in: 0 ..< 40, using: &random) == 0, ranking: ranking,
                              regulators: [industry.regulators.randomElement(using: &random)!])
        }
        return MatchingInstance(policy: policy, cadres: cadres, enterprises: enterprises)
    }
}
