// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Tests for the places stage. Texts are invented, in general news style.

#include "places/places.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "places/gazetteer.h"

namespace dyad::places {
namespace {

bool HaveGazetteer() {
  Config c = Config::Default();
  FILE* f = std::fopen(c.gazetteer_path.c_str(), "rb");
  if (f == nullptr) return false;
  std::fclose(f);
  f = std::fopen((c.iso_codes_dir + "/iso_3166-1.json").c_str(), "rb");
  if (f == nullptr) return false;
  std::fclose(f);
  return true;
}

#define REQUIRE_GAZETTEER() \
  if (!HaveGazetteer()) GTEST_SKIP() << "gazetteer not installed (run scripts/setup)"

Document RunOn(const std::string& text) {
  Document doc;
  doc.text = text;
  Status s = places::Run(Config::Default(), doc);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return doc;
}

// The place one of whose mentions reads `surface`, or nullptr.
const Place* Find(const Document& doc, const std::string& surface) {
  for (const Place& p : doc.places) {
    for (const Span& m : p.mentions) {
      if (doc.Text(m) == surface) return &p;
    }
  }
  return nullptr;
}

std::string Describe(const Document& doc) {
  std::string out;
  for (const Place& p : doc.places) {
    out += "[" + p.name + " " + p.country + " " + p.admin1 + " " + p.feature + ":";
    for (const Span& m : p.mentions) out += " '" + std::string(doc.Text(m)) + "'";
    out += "] ";
  }
  return out;
}

// Expected country of a mention that must not be taken for a place.
constexpr const char* kNone = "-";

struct Case {
  const char* text;
  const char* surface;
  const char* country;  // ISO2; "" for regions spanning countries; kNone
                        // for a mention that is not a place
  const char* admin1;   // "*" = not checked
  const char* feature;  // "*" = not checked
};

// Place mentions in varied article styles (wire datelines, local news,
// conflict, business, sport, travel, ambiguous names, non-places), with the
// expected resolution. Scored as a whole: see ResolvesPlaceMentions.
const Case kCases[] = {
    {"Troops were deployed in Gwadar on Tuesday, officials said.", "Gwadar", "PK", "Balochistan",
     "city"},
    {"The minister flew to Delhi for talks with his counterpart.", "Delhi", "IN", "Delhi", "city"},
    {"Officials in Washington said the talks would resume next week.", "Washington", "US",
     "District of Columbia", "city"},
    {"Wildfires spread across Washington state this week.", "Washington", "US", "Washington",
     "admin1"},
    {"The festival in Paris drew thousands of visitors.", "Paris", "FR", "Île-de-France", "city"},
    {"The county fair in Paris, Texas, opened on Friday.", "Paris", "US", "Texas", "city"},
    {"Georgia accused Russia of occupying a fifth of its territory.", "Georgia", "GE", "",
     "country"},
    {"Voters in Atlanta, Georgia, lined up early as U.S. turnout rose.", "Georgia", "US", "Georgia",
     "admin1"},
    {"Protesters gathered in Karachi to demand cheaper power.", "Karachi", "PK", "Sindh", "city"},
    {"A blast hit a crowded market in Peshawar on Sunday.", "Peshawar", "PK", "Khyber Pakhtunkhwa",
     "city"},
    {"Heavy rain flooded low-lying parts of Lahore.", "Lahore", "PK", "Punjab", "city"},
    {"The delegation arrived in Quetta late at night.", "Quetta", "PK", "Balochistan", "city"},
    {"The exercise took place in Krasnodar Krai last month.", "Krasnodar Krai", "RU",
     "Krasnodar Krai", "admin1"},
    {"Shelling was reported in Kherson Oblast overnight.", "Kherson Oblast", "UA", "Kherson Oblast",
     "admin1"},
    {"Missiles struck Kharkiv before dawn, the mayor said.", "Kharkiv", "UA", "Kharkiv Oblast",
     "city"},
    {"The talks were held in Islamabad under tight security.", "Islamabad", "PK",
     "Islamabad Capital Territory", "city"},
    {"Leaders met in New Delhi to sign the accord.", "New Delhi", "IN", "Delhi", "city"},
    {"Flooding in Mumbai disrupted suburban trains.", "Mumbai", "IN", "Maharashtra", "city"},
    {"The summit in Beijing ended without an agreement.", "Beijing", "CN", "Beijing", "city"},
    {"Police in Shanghai detained two men.", "Shanghai", "CN", "Shanghai", "city"},
    {"A large rally was held in Berlin on Saturday.", "Berlin", "DE", "Berlin", "city"},
    {"Factories near Munich halted production.", "Munich", "DE", "Bavaria", "city"},
    {"Riots broke out in Marseille after the match.", "Marseille", "FR",
     "Provence-Alpes-Côte d'Azur", "city"},
    {"A winter storm hit Toronto and cut power to thousands.", "Toronto", "CA", "Ontario", "city"},
    {"Bushfires raged near Sydney for a second week.", "Sydney", "AU", "New South Wales", "city"},
    {"The bombing in Kabul killed at least 12 people.", "Kabul", "AF", "Kabul Province", "city"},
    {"Fighting resumed in Kandahar after the ceasefire collapsed.", "Kandahar", "AF",
     "Kandahar Province", "city"},
    {"Clashes erupted in Mosul between rival militias.", "Mosul", "IQ", "Nineveh", "city"},
    {"A car bomb exploded in Baghdad on Monday.", "Baghdad", "IQ", "Baghdad Governorate", "city"},
    {"Airstrikes hit Aleppo again on Thursday.", "Aleppo", "SY", "Aleppo Governorate", "city"},
    {"Rebel fighters withdrew from Idlib under the deal.", "Idlib", "SY", "Idlib Governorate",
     "city"},
    {"Protests spread in Tehran after the fuel price rise.", "Tehran", "IR", "Tehran Province",
     "city"},
    {"Officials in Moscow denied the report.", "Moscow", "RU", "Moscow", "city"},
    {"Crowds filled the streets of Cairo on Friday.", "Cairo", "EG", "*", "city"},
    {"Texas officials announced new voting rules.", "Texas", "US", "Texas", "admin1"},
    {"Floodwaters rose across Houston overnight.", "Houston", "US", "Texas", "city"},
    {"The hearing took place in Chicago.", "Chicago", "US", "Illinois", "city"},
    {"A shooting in Los Angeles left three people dead.", "Los Angeles", "US", "California",
     "city"},
    {"Snow blanketed New York City on Tuesday.", "New York City", "US", "New York", "city"},
    {"The senator returned to New York after the vote.", "New York", "US", "New York", "*"},
    {"Tourists flocked to London for the jubilee.", "London", "GB", "England", "city"},
    {"Police in Manchester arrested a man after the attack.", "Manchester", "GB", "England",
     "city"},
    {"Talks in Edinburgh focused on a second referendum.", "Edinburgh", "GB", "Scotland", "city"},
    {"Unrest in Belfast continued for a third night.", "Belfast", "GB", "Northern Ireland", "city"},
    {"The yen weakened as markets in Tokyo opened.", "Tokyo", "JP", "*", "city"},
    {"Negotiators arrived in Seoul on Wednesday.", "Seoul", "KR", "*", "city"},
    {"State media in Pyongyang reported the launch.", "Pyongyang", "KP", "*", "city"},
    {"The parliament in Ankara approved the bill.", "Ankara", "TR", "*", "city"},
    {"A ferry capsized off Istanbul in strong winds.", "Istanbul", "TR", "*", "city"},
    {"Ministers gathered in Riyadh for the conference.", "Riyadh", "SA", "*", "city"},
    {"The mediators met again in Doha.", "Doha", "QA", "*", "city"},
    {"Flights to Dubai were suspended.", "Dubai", "AE", "*", "city"},
    {"Teachers marched through Nairobi demanding pay.", "Nairobi", "KE", "*", "city"},
    {"Traffic in Lagos ground to a halt.", "Lagos", "NG", "*", "city"},
    {"The president returned to Abuja after the summit.", "Abuja", "NG", "*", "city"},
    {"Miners protested in Johannesburg.", "Johannesburg", "ZA", "*", "city"},
    {"Blackouts hit Caracas for a third day.", "Caracas", "VE", "*", "city"},
    {"Peace talks opened in Bogota.", "Bogota", "CO", "*", "city"},
    {"An earthquake shook Mexico City on Sunday.", "Mexico City", "MX", "*", "city"},
    {"Thousands marched in Sao Paulo against the reform.", "Sao Paulo", "BR", "*", "city"},
    {"Inflation data released in Buenos Aires surprised markets.", "Buenos Aires", "AR", "*",
     "city"},
    {"Drones were shot down over Kyiv overnight.", "Kyiv", "UA", "Kyiv City", "city"},
    {"The embassy in Kiev was closed.", "Kiev", "UA", "*", "city"},
    {"Talks were held in Minsk in 2015.", "Minsk", "BY", "*", "city"},
    {"Farmers blocked roads around Warsaw.", "Warsaw", "PL", "*", "city"},
    {"Sirens sounded in Tel Aviv on Saturday.", "Tel Aviv", "IL", "*", "city"},
    {"Aid trucks entered Gaza through the southern crossing.", "Gaza", "PS", "*", "*"},
    {"Tensions in the Middle East rose sharply.", "Middle East", "", "", "region"},
    {"The pipeline would carry gas to Central Asia.", "Central Asia", "", "", "region"},
    {"Growth in Africa slowed last year.", "Africa", "", "", "continent"},
    {"Security was tightened across Balochistan.", "Balochistan", "PK", "Balochistan", "admin1"},
    {"Pakistan said floods in Punjab had displaced thousands.", "Punjab", "PK", "Punjab", "admin1"},
    {"India said floods in Punjab had damaged crops, and Delhi sent aid.", "Punjab", "IN", "Punjab",
     "admin1"},
    {"Schools were closed in Sindh province.", "Sindh", "PK", "Sindh", "admin1"},
    {"Soldiers patrolled the Line of Control in Kashmir.", "Kashmir", "", "", "region"},
    {"Russia annexed Crimea in 2014.", "Crimea", "UA", "Crimea", "admin1"},
    {"Pakistan and China signed the agreement.", "Pakistan", "PK", "", "country"},
    {"Exports to the United States fell.", "United States", "US", "", "country"},
    {"The U.S. embassy issued a warning.", "U.S.", "US", "", "country"},
    {"The UK imposed new sanctions.", "UK", "GB", "", "country"},
    {"Officials of the Russian Federation attended.", "Russian Federation", "RU", "", "country"},
    {"A treaty with the Islamic Republic of Pakistan was signed.", "Islamic Republic of Pakistan",
     "PK", "", "country"},
    {"South Korea and North Korea held rare talks.", "North Korea", "KP", "", "country"},
    {"South Korea and North Korea held rare talks.", "South Korea", "KR", "", "country"},
    {"Oil output in Saudi Arabia was cut.", "Saudi Arabia", "SA", "", "country"},
    {"Indian police said a protest in Hyderabad turned violent; Mumbai was calm.", "Hyderabad",
     "IN", "Telangana", "city"},
    {"Pakistani police said a protest in Hyderabad turned violent; Karachi was calm.", "Hyderabad",
     "PK", "Sindh", "city"},
    {"The plant in Birmingham, Alabama, will close.", "Birmingham", "US", "Alabama", "city"},
    {"Protesters in Portland, Oregon, clashed with police.", "Portland", "US", "Oregon", "city"},
    {"Researchers in Cambridge, Massachusetts, published the study.", "Cambridge", "US",
     "Massachusetts", "city"},
    {"The port of Vancouver was shut by the strike.", "Vancouver", "CA", "British Columbia",
     "city"},
    {"The match in Melbourne was postponed.", "Melbourne", "AU", "Victoria", "city"},
    {"Fishermen in Alexandria said the catch had fallen.", "Alexandria", "EG", "*", "city"},
    {"Militias clashed in Tripoli overnight.", "Tripoli", "LY", "*", "city"},
    {"\"We will not give up,\" the mayor of Odesa said.", "Odesa", "UA", "Odesa Oblast", "city"},
    {"Gwadar gives Pakistan its shortest route to the sea.", "Gwadar", "PK", "Balochistan", "city"},
    // Wire-copy datelines.
    {"KYIV, Ukraine (AP) — Air raid alerts sounded across the country overnight.", "KYIV", "UA",
     "*", "city"},
    {"KYIV, Ukraine (AP) — Air raid alerts sounded across the country overnight.", "Ukraine", "UA",
     "", "country"},
    {"LAGOS, March 3 (Reuters) - Nigeria's central bank raised its key rate.", "LAGOS", "NG", "*",
     "city"},
    {"BEIRUT (AP) — Lebanon's caretaker government met on Monday.", "BEIRUT", "LB", "*", "city"},
    {"MOSCOW, June 4 (Reuters) - The Kremlin declined to comment.", "MOSCOW", "RU", "Moscow",
     "city"},
    {"NEW DELHI (AP) — India's monsoon arrived early this year.", "NEW DELHI", "IN", "Delhi",
     "city"},
    {"JERUSALEM (AP) — The cabinet approved the budget late Sunday.", "JERUSALEM", "IL", "*",
     "city"},
    {"ISLAMABAD, Pakistan (AP) — The finance minister presented the budget.", "ISLAMABAD", "PK",
     "Islamabad Capital Territory", "city"},
    {"NAIROBI, Kenya, May 2 (Reuters) - Kenyan shillings weakened.", "NAIROBI", "KE", "*", "city"},
    {"BANGKOK (AP) — Thai police arrested three suspects.", "BANGKOK", "TH", "*", "city"},
    {"MANILA, Philippines (AP) — A typhoon slammed into the northern provinces.", "MANILA", "PH",
     "*", "city"},
    {"JOHANNESBURG (Reuters) - Eskom announced further power cuts.", "JOHANNESBURG", "ZA", "*",
     "city"},
    {"HOUSTON, Texas (Reuters) - Oil prices rose on Tuesday.", "HOUSTON", "US", "Texas", "city"},
    {"SEOUL, Aug 9 (Reuters) - South Korean exports fell.", "SEOUL", "KR", "*", "city"},
    {"ADDIS ABABA, Ethiopia (AP) — The government declared a state of emergency.",
     "ADDIS ABABA", "ET", "*", "city"},
    {"KHARTOUM, Sudan (AP) — Gunfire echoed through the capital.", "KHARTOUM", "SD", "*", "city"},
    {"HANOI (Reuters) - Vietnam's economy grew 6 percent.", "HANOI", "VN", "*", "city"},
    {"DHAKA, Bangladesh (AP) — Garment workers walked off the job.", "DHAKA", "BD", "*", "city"},
    {"Kabul, Afghanistan — Schools for girls remained closed.", "Kabul", "AF", "Kabul Province",
     "city"},
    {"GENEVA, Oct 1 (Reuters) - The WHO warned of a new wave.", "GENEVA", "CH", "*", "city"},
    // Local news: US cities with states.
    {"The city council in Springfield, Illinois, approved the budget.", "Springfield", "US",
     "Illinois", "city"},
    {"A tornado damaged homes in Springfield, Missouri, on Sunday.", "Springfield", "US",
     "Missouri", "city"},
    {"The factory in Columbus, Ohio, will add 300 jobs.", "Columbus", "US", "Ohio", "city"},
    {"Schools in Columbus, Georgia, reopened after the storm.", "Columbus", "US", "Georgia",
     "city"},
    {"The mayor of Kansas City, Missouri, announced a curfew.", "Kansas City", "US", "Missouri",
     "city"},
    {"Residents of Jackson, Mississippi, went without water for days.", "Jackson", "US",
     "Mississippi", "city"},
    {"Flooding closed roads in Albany, New York.", "Albany", "US", "New York", "city"},
    {"A new stadium is planned for Phoenix, Arizona.", "Phoenix", "US", "Arizona", "city"},
    {"Police in Denver arrested a suspect.", "Denver", "US", "Colorado", "city"},
    {"The trial opened in Minneapolis on Monday.", "Minneapolis", "US", "Minnesota", "city"},
    {"Homes in Miami were evacuated ahead of the hurricane.", "Miami", "US", "Florida", "city"},
    {"A water main burst in Boston, flooding several streets.", "Boston", "US", "Massachusetts",
     "city"},
    {"Voters in Philadelphia waited hours to cast ballots.", "Philadelphia", "US", "Pennsylvania",
     "city"},
    {"The governor toured damage in New Orleans.", "New Orleans", "US", "Louisiana", "city"},
    {"Tech layoffs hit Seattle hard this year.", "Seattle", "US", "Washington", "city"},
    {"A bridge collapse in Baltimore halted shipping.", "Baltimore", "US", "Maryland", "city"},
    {"Wildfires forced evacuations in northern California.", "California", "US", "California",
     "admin1"},
    {"Lawmakers in Ohio passed the abortion bill.", "Ohio", "US", "Ohio", "admin1"},
    {"Storms swept through Oklahoma and Kansas.", "Oklahoma", "US", "Oklahoma", "admin1"},
    {"The company moved its headquarters to Austin, Texas.", "Austin", "US", "Texas", "city"},
    {"A gunman opened fire at a mall in El Paso.", "El Paso", "US", "Texas", "city"},
    {"The primary in New Hampshire drew record turnout.", "New Hampshire", "US", "New Hampshire",
     "admin1"},
    {"The shooting in Portland, Maine, shocked residents.", "Portland", "US", "Maine", "city"},
    // Conflict reporting.
    {"Regime forces shelled villages in Idlib province on Friday.", "Idlib", "SY",
     "Idlib Governorate", "*"},
    {"Kurdish-led forces took Raqqa after a months-long siege.", "Raqqa", "SY", "*", "city"},
    {"Fighting was reported near Deir ez-Zor overnight.", "Deir ez-Zor", "SY", "*", "city"},
    {"Rebels shelled government positions in Daraa.", "Daraa", "SY", "*", "city"},
    {"A roadside bomb exploded in Homs, killing four soldiers.", "Homs", "SY", "*", "city"},
    {"The Taliban captured Kunduz after heavy fighting.", "Kunduz", "AF", "*", "city"},
    {"A suicide attack in Jalalabad killed nine people.", "Jalalabad", "AF", "*", "city"},
    {"Fighting intensified in Helmand province last week.", "Helmand", "AF", "*", "*"},
    {"Militants attacked a checkpoint in Herat.", "Herat", "AF", "*", "city"},
    {"Aid groups warned of famine in Darfur.", "Darfur", "SD", "*", "*"},
    {"Paramilitary forces seized El Fasher after a long siege.", "El Fasher", "SD", "*", "city"},
    {"Clashes spread to Omdurman across the Nile.", "Omdurman", "SD", "*", "city"},
    {"Displaced families arrived in Port Sudan by bus.", "Port Sudan", "SD", "*", "city"},
    {"Russian forces pressed their assault on Bakhmut.", "Bakhmut", "UA", "*", "city"},
    {"Ukrainian troops pushed back near Zaporizhzhia.", "Zaporizhzhia", "UA", "*", "city"},
    {"Explosions were heard in Mariupol before dawn.", "Mariupol", "UA", "*", "city"},
    {"A missile struck an apartment block in Dnipro.", "Dnipro", "UA", "*", "city"},
    {"Shelling in Donetsk killed two civilians.", "Donetsk", "UA", "*", "*"},
    {"Drones hit an oil depot in Lviv.", "Lviv", "UA", "*", "city"},
    {"The army launched air strikes in Sagaing region.", "Sagaing", "MM", "*", "*"},
    {"Resistance fighters took control of Lashio.", "Lashio", "MM", "*", "city"},
    {"Troops were sent to Rakhine State after the attacks.", "Rakhine State", "MM", "*", "*"},
    {"Protesters gathered in Mandalay despite the curfew.", "Mandalay", "MM", "*", "city"},
    {"The junta's parliament sat in Naypyidaw.", "Naypyidaw", "MM", "*", "city"},
    {"Gunmen attacked a village in Borno State.", "Borno", "NG", "*", "*"},
    {"A bombing in Maiduguri killed 15 people.", "Maiduguri", "NG", "*", "city"},
    {"Al-Shabaab fighters attacked a hotel in Mogadishu.", "Mogadishu", "SO", "*", "city"},
    {"Houthi rebels fired missiles from Sanaa.", "Sanaa", "YE", "*", "city"},
    {"Coalition jets struck targets near Hodeidah.", "Hodeidah", "YE", "*", "city"},
    {"Clashes broke out in Benghazi.", "Benghazi", "LY", "*", "city"},
    {"Troops entered Goma after rebels withdrew.", "Goma", "CD", "*", "city"},
    {"Israeli strikes hit Rafah overnight.", "Rafah", "PS", "*", "*"},
    {"Settlers attacked homes near Nablus.", "Nablus", "PS", "*", "city"},
    {"Security forces raided houses in Kirkuk.", "Kirkuk", "IQ", "*", "city"},
    {"Militants attacked a police post in North Waziristan.", "North Waziristan", "PK", "*", "*"},
    // Business.
    {"The European Central Bank in Frankfurt left rates unchanged.", "Frankfurt", "DE", "Hesse",
     "city"},
    {"Shares of the Shenzhen-based maker rose; its plant in Shenzhen is expanding.", "Shenzhen",
     "CN", "Guangdong", "city"},
    {"The carmaker opened a factory in Chennai.", "Chennai", "IN", "Tamil Nadu", "city"},
    {"Investors in Singapore shrugged off the data.", "Singapore", "SG", "*", "*"},
    {"The firm listed its shares in Hong Kong.", "Hong Kong", "HK", "*", "*"},
    {"A chip plant near Taipei was shut by the quake.", "Taipei", "TW", "*", "city"},
    {"The bank moved staff from London to Dublin.", "Dublin", "IE", "*", "city"},
    {"Trading in Zurich was thin.", "Zurich", "CH", "*", "city"},
    {"The startup is based in Bengaluru.", "Bengaluru", "IN", "Karnataka", "city"},
    {"Workers at the plant in Wolfsburg went on strike.", "Wolfsburg", "DE", "Lower Saxony",
     "city"},
    {"The tech giant expanded its campus in Silicon Valley and in San Jose.", "San Jose", "US",
     "California", "city"},
    {"Copper prices rose after mines in Chile cut output.", "Chile", "CL", "", "country"},
    {"The conglomerate is headquartered in Osaka.", "Osaka", "JP", "*", "city"},
    {"Port traffic in Rotterdam fell 5 percent.", "Rotterdam", "NL", "*", "city"},
    {"The exchange in Johannesburg closed lower.", "Johannesburg", "ZA", "*", "city"},
    // Sport.
    {"The final will be played in Barcelona in May.", "Barcelona", "ES", "Catalonia", "city"},
    {"The team flew to Madrid for the second leg.", "Madrid", "ES", "*", "city"},
    {"The Olympic torch arrived in Athens.", "Athens", "GR", "*", "city"},
    {"The grand prix in Monza was won by Ferrari.", "Monza", "IT", "*", "city"},
    {"The marathon in Boston drew 30,000 runners.", "Boston", "US", "Massachusetts", "city"},
    {"Fans in Buenos Aires celebrated the World Cup win.", "Buenos Aires", "AR", "*", "city"},
    {"The test match in Lahore was drawn.", "Lahore", "PK", "Punjab", "city"},
    {"The cricket team trained in Colombo.", "Colombo", "LK", "*", "city"},
    {"The Tour de France finished in Nice this year.", "Nice", "FR", "*", "city"},
    {"The Open returned to St Andrews.", "St Andrews", "GB", "*", "*"},
    {"The World Cup qualifier in Accra ended 1-1.", "Accra", "GH", "*", "city"},
    {"The club signed a striker from Turin.", "Turin", "IT", "*", "city"},
    // Travel.
    {"Tourists returned to Bali after the eruption.", "Bali", "ID", "*", "*"},
    {"Cruise ships were banned from Venice.", "Venice", "IT", "*", "city"},
    {"Hotels in Marrakesh are fully booked.", "Marrakesh", "MA", "*", "city"},
    {"Visitors to Kyoto face new rules.", "Kyoto", "JP", "*", "city"},
    {"The volcano near Reykjavik erupted again.", "Reykjavik", "IS", "*", "city"},
    {"Flights from Lisbon were cancelled by the strike.", "Lisbon", "PT", "*", "city"},
    {"Backpackers crowd the beaches of Phuket.", "Phuket", "TH", "*", "*"},
    {"The museum in Amsterdam reopened.", "Amsterdam", "NL", "*", "city"},
    {"Rail links to Prague were restored.", "Prague", "CZ", "*", "city"},
    {"A new ferry links Dubrovnik to Split.", "Dubrovnik", "HR", "*", "city"},
    {"Tourism in Cusco recovered.", "Cusco", "PE", "*", "city"},
    {"The beaches in Goa were closed.", "Goa", "IN", "Goa", "*"},
    // Ambiguous names resolved by context.
    {"The rodeo in Paris, Texas, drew a record crowd.", "Texas", "US", "Texas", "admin1"},
    {"Fashion week opened in Paris, where designers showed spring lines.", "Paris", "FR", "*",
     "city"},
    {"Georgia's parliament in Tbilisi passed the foreign agents law.", "Georgia", "GE", "",
     "country"},
    {"The governor of Georgia signed the bill in Atlanta.", "Georgia", "US", "Georgia", "*"},
    {"Police in Victoria, British Columbia, closed the harbour.", "Victoria", "CA",
     "British Columbia", "city"},
    {"Bushfires spread across Victoria and New South Wales.", "Victoria", "AU", "Victoria",
     "admin1"},
    {"Indian officials said a flyover in Hyderabad, Telangana, had collapsed.", "Hyderabad", "IN",
     "Telangana", "city"},
    {"Flooding hit Hyderabad, Sindh, after the canal burst.", "Hyderabad", "PK", "Sindh", "city"},
    {"Libya's rival governments clashed in Tripoli.", "Tripoli", "LY", "*", "city"},
    {"In Lebanon, gunfire erupted in Tripoli near the port.", "Tripoli", "LB", "*", "city"},
    {"Students at Cambridge, England, protested the fees.", "Cambridge", "GB", "England", "city"},
    {"Startups in Cambridge, Massachusetts, raised record funds.", "Cambridge", "US",
     "Massachusetts", "city"},
    {"The library in Alexandria, Egypt, reopened.", "Alexandria", "EG", "*", "city"},
    {"The trial was held in Alexandria, Virginia.", "Alexandria", "US", "Virginia", "city"},
    {"Thousands protested in Santiago, Chile, over pensions.", "Santiago", "CL", "*", "city"},
    {"Chile's president addressed supporters in Santiago.", "Santiago", "CL", "*", "city"},
    {"Pilgrims reached Santiago de Compostela on foot.", "Santiago de Compostela", "ES", "*",
     "city"},
    {"Fans gathered in London, Ontario, for the parade.", "London", "CA", "Ontario", "city"},
    {"Farmers in Perth, Western Australia, face drought.", "Perth", "AU", "Western Australia",
     "city"},
    {"The court in Valencia, Spain, ruled on Monday.", "Valencia", "ES", "*", "city"},
    {"Kenyan police in Mombasa seized drugs.", "Mombasa", "KE", "*", "city"},
    {"Moldova's president spoke in Chisinau.", "Chisinau", "MD", "*", "city"},
    {"Armenia and Azerbaijan met in Brussels.", "Brussels", "BE", "*", "city"},
    {"The Punjab government in Lahore announced the plan.", "Lahore", "PK", "Punjab", "city"},
    {"The chief minister of Punjab spoke in Chandigarh.", "Chandigarh", "IN", "*", "city"},
    {"Birmingham, England, hosted the games.", "Birmingham", "GB", "England", "city"},
    {"Floods hit Newcastle, New South Wales.", "Newcastle", "AU", "New South Wales", "city"},
    {"The refinery in Richmond, Virginia, was shut.", "Richmond", "US", "Virginia", "city"},
    {"Farmers in Córdoba, Argentina, lost crops to drought.", "Córdoba", "AR", "*", "city"},
    // Not places.
    {"Jordan Smith scored twice in the second half.", "Jordan", kNone, "*", "*"},
    {"Chelsea Clinton spoke at the gala.", "Chelsea", kNone, "*", "*"},
    {"Chelsea Clinton spoke at the gala.", "Clinton", kNone, "*", "*"},
    {"Reading the verdict aloud, the judge paused.", "Reading", kNone, "*", "*"},
    {"Nice work, the coach told his players.", "Nice", kNone, "*", "*"},
    {"The plates were made of fine china.", "china", kNone, "*", "*"},
    {"In April the talks broke down.", "April", kNone, "*", "*"},
    {"By June the factory had closed.", "June", kNone, "*", "*"},
    {"August was the hottest month on record.", "August", kNone, "*", "*"},
    {"Sydney Sweeney starred in the film.", "Sydney", kNone, "*", "*"},
    {"Florence Pugh won the award.", "Florence", kNone, "*", "*"},
    {"Austin Powers returned to cinemas.", "Austin", kNone, "*", "*"},
    {"Troy Deeney signed a new contract.", "Troy", kNone, "*", "*"},
    {"Dakota Johnson appeared in the sequel.", "Dakota", kNone, "*", "*"},
    {"The Boston Globe published the letters.", "Boston", kNone, "*", "*"},
    {"The Texas Rangers won the World Series.", "Texas", kNone, "*", "*"},
    {"The New York Times reported the deal.", "New York", kNone, "*", "*"},
    {"Harvard researchers and the Mayo Clinic published results.", "Mayo", kNone, "*", "*"},
    {"Will you vote? Many said they would not.", "Will", kNone, "*", "*"},
    {"Sign the petition, the activists urged.", "Sign", kNone, "*", "*"},
    {"Hope faded for the missing climbers.", "Hope", kNone, "*", "*"},
    {"March and April were unusually dry.", "March", kNone, "*", "*"},
    {"Madison Keys reached the final.", "Madison", kNone, "*", "*"},
    {"Lincoln Financial reported earnings.", "Lincoln", kNone, "*", "*"},
    {"Mobile phone sales fell sharply.", "Mobile", kNone, "*", "*"},
    {"Split votes are common in the committee.", "Split", kNone, "*", "*"},
    {"Nelson Mandela was freed in 1990.", "Nelson", kNone, "*", "*"},
    {"Said the minister: the plan is dead.", "Said", kNone, "*", "*"},
};

// Checks one row; returns "" when right, else a description of the miss.
std::string CheckCase(const Case& c) {
  Document doc = RunOn(c.text);
  const Place* p = Find(doc, c.surface);
  std::string ctx = std::string("\n    text: ") + c.text + "\n    places: " + Describe(doc);
  if (std::string(c.country) == kNone) {
    if (p == nullptr) return "";
    return "'" + std::string(c.surface) + "' taken as a place (" + p->name + " " + p->country +
           ")" + ctx;
  }
  if (p == nullptr) return "no place for '" + std::string(c.surface) + "'" + ctx;
  bool ok = p->country == c.country;
  ok = ok && (std::string(c.admin1) == "*" || p->admin1 == c.admin1);
  ok = ok && (std::string(c.feature) == "*" || p->feature == c.feature);
  if (ok) return "";
  return "'" + std::string(c.surface) + "' -> " + p->name + " " + p->country + " / " + p->admin1 +
         " / " + p->feature + "; want " + c.country + " / " + c.admin1 + " / " + c.feature + ctx;
}

// The table is scored as a whole so that it can grow with hard rows without
// each one breaking the build, while a real regression (accuracy below the
// floor) still fails. Critical rows are checked one by one below.
TEST(PlacesTable, ResolvesPlaceMentions) {
  REQUIRE_GAZETTEER();
  int right = 0, total = 0, places = 0, places_right = 0;
  std::string misses;
  for (const Case& c : kCases) {
    ++total;
    bool place = std::string(c.country) != kNone;
    if (place) ++places;
    std::string miss = CheckCase(c);
    if (miss.empty()) {
      ++right;
      if (place) ++places_right;
    } else {
      misses += "  " + miss + "\n";
    }
  }
  double acc = static_cast<double>(right) / total;
  std::printf("[places] table accuracy: %d/%d = %.3f (places %d/%d, non-places %d/%d)\n%s", right,
              total, acc, places_right, places, right - places_right, total - places,
              misses.c_str());
  EXPECT_GE(total, 200);
  EXPECT_GE(acc, 0.90) << misses;
}

// Rows whose failure is a regression by itself.
TEST(PlacesTable, CriticalRows) {
  REQUIRE_GAZETTEER();
  const Case kCritical[] = {
      {"Troops were deployed in Gwadar on Tuesday, officials said.", "Gwadar", "PK", "Balochistan",
       "city"},
      {"The exercise took place in Krasnodar Krai last month.", "Krasnodar Krai", "RU",
       "Krasnodar Krai", "admin1"},
      {"The minister flew to Delhi for talks with his counterpart.", "Delhi", "IN", "Delhi",
       "city"},
      {"The county fair in Paris, Texas, opened on Friday.", "Paris", "US", "Texas", "city"},
      {"The festival in Paris drew thousands of visitors.", "Paris", "FR", "*", "city"},
      {"Georgia accused Russia of occupying a fifth of its territory.", "Georgia", "GE", "",
       "country"},
      {"Voters in Atlanta, Georgia, lined up early as U.S. turnout rose.", "Georgia", "US",
       "Georgia", "admin1"},
      {"Researchers in Cambridge, Massachusetts, published the study.", "Cambridge", "US",
       "Massachusetts", "city"},
      {"Jordan Smith scored twice in the second half.", "Jordan", kNone, "*", "*"},
      {"The plates were made of fine china.", "china", kNone, "*", "*"},
  };
  for (const Case& c : kCritical) EXPECT_EQ(CheckCase(c), "");
}

struct NonPlace {
  const char* text;
  const char* surface;
};

const NonPlace kNonPlaces[] = {
    {"May said the vote would go ahead as planned.", "May"},
    {"Reading the report, the minister frowned.", "Reading"},
    {"Bishop Thomas led the service on Sunday.", "Bishop"},
    {"Victoria Beckham attended the show in a grey coat.", "Victoria"},
    {"Victoria said she would appeal the ruling.", "Victoria"},
    {"The Washington Post reported the deal first.", "Washington"},
    {"Moscow State University hosted the conference.", "Moscow"},
    {"Police arrested two men after the match.", "Police"},
    {"The country joined the European Union in 2004.", "Union"},
    {"Jackson said the plan would fail.", "Jackson"},
    {"The Gulf states agreed to cut output.", "Gulf"},
    {"He spoke to reporters on Monday.", "Monday"},
    {"Fishermen on Lake Victoria reported low catches.", "Victoria"},
    {"Paris Hilton arrived at the premiere.", "Paris"},
    {"Mr Lincoln disagreed with the ruling.", "Lincoln"},
    {"The Pakistan Army issued a statement.", "Pakistan"},
    {"In March the talks resumed.", "March"},
    {"Of the 40 seats, 12 went to women.", "Of"},
};

TEST(PlacesNonPlaces, SkipsCommonWordsAndNames) {
  REQUIRE_GAZETTEER();
  for (const NonPlace& c : kNonPlaces) {
    Document doc = RunOn(c.text);
    EXPECT_EQ(Find(doc, c.surface), nullptr)
        << "'" << c.surface << "' taken as a place in: " << c.text << "\n"
        << Describe(doc);
  }
}

TEST(PlacesNonPlaces, PersonMentionIsNeverAPlace) {
  REQUIRE_GAZETTEER();
  Document doc;
  doc.text = "Officials said Hamilton visited the troops in Hamilton.";
  Entity e;
  e.name = "Fred Hamilton";
  e.type = EntityType::kPerson;
  doc.entities.push_back(e);
  Mention m;
  m.span = {15, 23};  // the first "Hamilton"
  m.entity = 0;
  doc.mentions.push_back(m);
  ASSERT_TRUE(places::Run(Config::Default(), doc).ok());
  for (const Place& p : doc.places) {
    for (const Span& s : p.mentions) EXPECT_NE(s.begin, 15u) << Describe(doc);
  }
}

TEST(PlacesMerge, RepeatedMentionsMergeIntoOnePlace) {
  REQUIRE_GAZETTEER();
  Document doc = RunOn(
      "Pakistan and Russia will hold drills. Officials in Pakistan said the Russian Federation "
      "would send troops, and Russia agreed.");
  const Place* pk = Find(doc, "Pakistan");
  ASSERT_NE(pk, nullptr) << Describe(doc);
  EXPECT_EQ(pk->mentions.size(), 2u);
  const Place* ru = Find(doc, "Russian Federation");
  ASSERT_NE(ru, nullptr) << Describe(doc);
  EXPECT_EQ(ru, Find(doc, "Russia"));
  EXPECT_EQ(ru->mentions.size(), 3u);
  EXPECT_EQ(doc.places.size(), 2u) << Describe(doc);
  // In order of first mention.
  EXPECT_EQ(doc.places[0].country, "PK");
}

TEST(PlacesMultiWord, LongestMatchWins) {
  REQUIRE_GAZETTEER();
  Document doc = RunOn("Delegates flew from New Delhi to Central Asia and on to the Middle East.");
  EXPECT_EQ(Find(doc, "Delhi"), nullptr) << Describe(doc);
  ASSERT_NE(Find(doc, "New Delhi"), nullptr) << Describe(doc);
  EXPECT_EQ(Find(doc, "New Delhi")->name, "New Delhi");
  EXPECT_NE(Find(doc, "Central Asia"), nullptr) << Describe(doc);
  EXPECT_EQ(Find(doc, "Asia"), nullptr) << Describe(doc);
  EXPECT_NE(Find(doc, "Middle East"), nullptr) << Describe(doc);
}

TEST(PlacesFields, CoordinatesAndIds) {
  REQUIRE_GAZETTEER();
  Document doc = RunOn("The convoy reached Quetta and then Pakistan's border.");
  const Place* q = Find(doc, "Quetta");
  ASSERT_NE(q, nullptr);
  EXPECT_GT(q->geonames_id, 0);
  EXPECT_NEAR(q->lat, 30.2, 0.3);
  EXPECT_NEAR(q->lon, 67.0, 0.3);
  const Place* pk = Find(doc, "Pakistan");
  ASSERT_NE(pk, nullptr) << Describe(doc);
  EXPECT_EQ(pk->feature, "country");
  EXPECT_EQ(pk->geonames_id, 0);
  // Located at the capital.
  EXPECT_NEAR(pk->lat, 33.7, 0.3);
}

TEST(PlacesInSpan, PrefersGovernedPlace) {
  REQUIRE_GAZETTEER();
  Document doc = RunOn("Moscow criticised Islamabad over the drills held in Gwadar last week.");
  int32_t i = PlaceInSpan(doc, {0, static_cast<uint32_t>(doc.text.size())});
  ASSERT_GE(i, 0) << Describe(doc);
  EXPECT_EQ(doc.places[i].name, "Gwadar");
}

TEST(PlacesInSpan, CountryGovernedAndActorsSkipped) {
  REQUIRE_GAZETTEER();
  Document doc = RunOn("Russia said the exercise would be held on the territory of Pakistan.");
  // Make "Russia" an actor mention of a country entity.
  Entity e;
  e.name = "Russia";
  e.type = EntityType::kCountry;
  doc.entities.push_back(e);
  Mention m;
  m.span = {0, 6};
  doc.mentions.push_back(m);
  int32_t i = PlaceInSpan(doc, {0, static_cast<uint32_t>(doc.text.size())});
  ASSERT_GE(i, 0) << Describe(doc);
  EXPECT_EQ(doc.places[i].country, "PK");
  // A span with only the actor mention has no location.
  EXPECT_EQ(PlaceInSpan(doc, {0, 11}), -1);
}

TEST(PlacesInSpan, EmptyWhenNoPlace) {
  Document doc;
  doc.text = "Nothing happened.";
  EXPECT_EQ(PlaceInSpan(doc, {0, 17}), -1);
}

TEST(PlacesGazetteer, LoadsFastAndIndexes) {
  REQUIRE_GAZETTEER();
  Config c = Config::Default();
  Gazetteer g;
  auto t0 = std::chrono::steady_clock::now();
  Status s = Gazetteer::Load(c, g);
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0);
  ASSERT_TRUE(s.ok()) << s.ToString();
  std::printf("[places] gazetteer: %zu entries, %zu keys, %.0f ms\n", g.size(), g.key_count(),
              ms.count());
  EXPECT_GT(g.size(), 100000u);
  std::vector<uint32_t> out;
  g.Lookup("gwadar", false, &out);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(g.entry(out[0]).Country(), "PK");
  out.clear();
  g.Lookup("us", false, &out);
  for (uint32_t e : out) EXPECT_NE(g.entry(e).feature, Feature::kCountry);
  out.clear();
  g.Lookup("us", true, &out);
  bool us = false;
  for (uint32_t e : out) us = us || g.entry(e).Country() == "US";
  EXPECT_TRUE(us);
}

TEST(PlacesGazetteer, MissingFileIsAnError) {
  Config c = Config::Default();
  c.gazetteer_path = "/nonexistent/cities1000.txt";
  Gazetteer g;
  Status s = Gazetteer::Load(c, g);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("/nonexistent/cities1000.txt"), std::string::npos);
}

TEST(PlacesGazetteer, FoldAscii) {
  EXPECT_EQ(FoldAscii("Tehrān"), "tehran");
  EXPECT_EQ(FoldAscii("Île-de-France"), "ile-de-france");
  EXPECT_EQ(FoldAscii("Kraków"), "krakow");
  EXPECT_EQ(Gazetteer::Key("  New \n Delhi "), "new delhi");
}

}  // namespace
}  // namespace dyad::places
