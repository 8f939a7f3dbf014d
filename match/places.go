package match

import "strings"

// A JD's header often gives where the work is on a heading of its own
// ("#### Berlin", "## New York"). A city or country alone reads like a
// title of one or two capitalised words ("Product Marketing"), so the
// parser knows the places postings name: countries, US states and
// Canadian provinces, and the cities job boards list most. Names that are
// words of a posting too ("Mobile", "Nice", "Reading", "Split") are left
// out: a place missing here is read as before.

// placeNames are those places, lower-case (placeList, comma-separated).
var placeNames = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(placeList, "\n") {
		for _, p := range strings.Split(line, ",") {
			if p = strings.TrimSpace(p); p != "" {
				m[p] = true
			}
		}
	}
	return m
}()

// isPlaceName reports whether a heading's part is a place placeNames
// knows ("Berlin", "new york", "São Paulo").
func isPlaceName(part string) bool {
	return placeNames[strings.ToLower(strings.Join(strings.Fields(part), " "))]
}

const placeList = `
argentina, australia, austria, bangladesh, belgium, brazil, bulgaria, canada, chile, china, colombia, costa rica,
croatia, cyprus, czechia, czech republic, denmark, egypt, estonia, finland, france, germany, ghana, greece,
hong kong, hungary, iceland, india, indonesia, ireland, israel, italy, japan, kenya, latvia, lithuania,
luxembourg, malaysia, malta, mexico, morocco, netherlands, the netherlands, new zealand, nigeria, norway,
pakistan, peru, philippines, poland, portugal, romania, rwanda, saudi arabia, serbia, singapore, slovakia,
slovenia, south africa, south korea, korea, spain, sri lanka, sweden, switzerland, taiwan, thailand, tunisia,
turkey, türkiye, ukraine, united arab emirates, uae, united kingdom, united states, united states of america,
uruguay, vietnam, england, scotland, wales, northern ireland
alabama, alaska, arizona, arkansas, california, colorado, connecticut, delaware, florida, georgia, hawaii,
idaho, illinois, indiana, iowa, kansas, kentucky, louisiana, maine, maryland, massachusetts, michigan,
minnesota, mississippi, missouri, montana, nebraska, nevada, new hampshire, new jersey, new mexico, new york,
north carolina, north dakota, ohio, oklahoma, oregon, pennsylvania, rhode island, south carolina, south dakota,
tennessee, texas, utah, vermont, virginia, washington, west virginia, wisconsin, wyoming, washington dc,
washington d.c, district of columbia
alberta, british columbia, manitoba, new brunswick, nova scotia, ontario, quebec, québec, saskatchewan
amsterdam, athens, atlanta, austin, bangalore, bengaluru, bangkok, barcelona, beijing, belfast, belgrade,
berlin, bern, bogotá, bogota, boston, boulder, bratislava, brisbane, bristol, brussels, bucharest, budapest,
buenos aires, cairo, calgary, cambridge, cape town, chennai, chicago, cologne, copenhagen, dallas, delhi,
new delhi, denver, detroit, dubai, dublin, düsseldorf, dusseldorf, edinburgh, eindhoven, frankfurt, geneva,
glasgow, gothenburg, guadalajara, hamburg, helsinki, ho chi minh city, houston, hyderabad, istanbul, jakarta,
johannesburg, karlsruhe, kraków, krakow, kuala lumpur, kyiv, kiev, lagos, las vegas, leeds, leipzig, lima,
lisbon, ljubljana, london, los angeles, lyon, madrid, malmö, malmo, manchester, manila, medellín, medellin,
melbourne, mexico city, miami, milan, minneapolis, montevideo, montreal, montréal, moscow, mountain view,
mumbai, munich, münchen, nairobi, nashville, new york city, nyc, oslo, ottawa, palo alto, paris, perth,
philadelphia, phoenix, pittsburgh, porto, portland, prague, pune, raleigh, redmond, reykjavik, riga, rome,
rotterdam, salt lake city, san diego, san francisco, san jose, santa clara, santiago, são paulo, sao paulo,
seattle, seoul, shanghai, shenzhen, sofia, stockholm, stuttgart, sunnyvale, sydney, taipei, tallinn,
tel aviv, the hague, tokyo, toronto, utrecht, vancouver, vienna, vilnius, warsaw, wellington, wrocław,
wroclaw, zagreb, zurich, zürich, bay area, san francisco bay area, silicon valley, greater london
`
