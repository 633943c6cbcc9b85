import Brokerage
import NuanqiCore
import NuanqiIO
import Testing

@Suite struct BrokerageInstanceReaderTests {
    static let designExample = """
    { "format": "nuanqi.broker/1",
      "pollutants": [ { "id": "NH3-N", "medium": "water" }, { "id": "NOx", "medium": "air" } ],
      "regions": [ { "id": "ningbo", "city": "宁波", "watershed": "甬江", "nonAttainment": [] },
                   { "id": "zhoushan-dinghai", "city": "舟山", "watershed": "舟山近岸",
                     "nonAttainment": ["NOx"] } ],
      "watershedGroups": [ ["甬江", "舟山近岸"] ],
      "links": [ { "from": "ningbo", "to": "zhoushan-dinghai", "pollutants": ["NH3-N", "NOx"],
                   "ratio": "1.0", "feePerTonne": "0" } ],
      "sellers": [ { "id": "S01", "name": "百威（宁波）啤酒有限公司", "region": "ningbo",
                     "kind": "enterprise", "sector": "industry",
                     "offers": [ { "pollutant": "NH3-N", "tonnes": "10.000", "askPerTonne": "30000" } ] } ],
      "buyers": [ { "id": "B01", "name": "舟山华康生物科技有限公司", "region": "zhoushan-dinghai",
                    "sector": "industry",
                    "demands": [ { "pollutant": "NH3-N", "tonnes": 7.413, "maxPerTonne": "45000",
                                   "priority": 3 } ] } ],
      "options": { "sameWatershedTrades": true, "sameCityAirTrades": true, "sectorRules": true,
                   "termYears": 5, "fixedCostPerTrade": "0", "minLotTonnes": "0.001",
                   "maxCounterparties": null } }
    """

    @Test func readsTheDesignExampleExactly() throws {
        let input = try BrokerageInstanceReader.parse(Array(Self.designExample.utf8), file: "example.json")
        #expect(input.warnings.isEmpty)
        let market = input.instance
        #expect(market.sellers[0].offers[0].tonnage.grams == 10_000_000)
        #expect(market.sellers[0].offers[0].ask.fen == 3_000_000)
        #expect(market.buyers[0].demands[0].tonnage.grams == 7_413_000)   // a JSON number, read from its text
        #expect(market.buyers[0].demands[0].maxPrice?.fen == 4_500_000)
        #expect(market.buyers[0].demands[0].priority == 3)
        #expect(market.links[0].ratio == .one)
        #expect(market.options.minLot?.grams == 1_000 && market.options.maxCounterparties == nil)
        let rules = try TradeRules(market)
        let terms = try rules.terms(seller: market.sellers[0], offer: market.sellers[0].offers[0],
                                    buyer: market.buyers[0], demand: market.buyers[0].demands[0]).get()
        #expect(terms.scope == .link && terms.effectivePrice.fen == 3_000_000)
    }

    @Test func badValuesNameTheirField() {
        let cases: [(String, String, String)] = [
            (#""tonnes": "10.000""#, #""tonnes": "10.0000001""#, "sellers[0].offers[0].tonnes"),
            (#""askPerTonne": "30000""#, #""askPerTonne": 3e4"#, "sellers[0].offers[0].askPerTonne"),
            (#""kind": "enterprise""#, #""kind": "company""#, "sellers[0].kind"),
            (#""medium": "air""#, #""medium": "gas""#, "pollutants[1].medium"),
            (#""termYears": 5"#, #""termYears": 0"#, "options.termYears"),
            (#""ratio": "1.0""#, #""ratio": "1.00001""#, "links[0].ratio"),
        ]
        for (original, broken, field) in cases {
            let text = Self.designExample.replacingOccurrences(of: original, with: broken)
            #expect(text != Self.designExample, "\(field): the replacement did not apply")
            do {
                _ = try BrokerageInstanceReader.parse(Array(text.utf8), file: "bad.json")
                Issue.record("\(field): accepted")
            } catch {
                guard case let .invalidValue(file, _, errorField, _) = error else { Issue.record("\(error)"); continue }
                #expect(file == "bad.json" && errorField == field, "\(error)")
            }
        }
    }
}
