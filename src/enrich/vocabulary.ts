// Small hand-written word lists: titles, organisation and place heads, reporting verbs.
// Generic English news vocabulary only — never names taken from the gold data (issue 3, target 2).

const words = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s*\|\s*/).map((w) => w.toLowerCase()));

/** Titles that may stand before a name ("Mayor Libby Schaaf"); lower-case, periods removed. */
export const TITLE_WORDS = words(`
  president|vice|mayor|governor|gov|senator|sen|sens|representative|rep|reps|congressman|congresswoman|
  attorney|general|secretary|minister|prime|chancellor|premier|ambassador|commissioner|director|chairman|chairwoman|
  chair|chief|executive|officer|ceo|cfo|coo|cto|founder|spokesman|spokeswoman|spokesperson|judge|justice|
  sheriff|inspector|superintendent|lieutenant|lt|colonel|col|captain|capt|major|maj|sergeant|sgt|admiral|adm|
  commander|cmdr|gen|brigadier|pope|king|queen|prince|princess|lord|lady|sir|dame|dr|doctor|professor|prof|
  mr|mrs|ms|miss|mister|rev|reverend|father|bishop|archbishop|cardinal|rabbi|imam|sheikh|ayatollah|
  deputy|acting|assistant|associate|managing|head|leader|speaker|treasurer|auditor|comptroller|
  state|federal|former|chairperson|analyst|economist|lawyer|attorney-general|manager|coach|emir|sultan|
  councilman|councilwoman|councillor|councilor|alderman|magistrate|solicitor|prosecutor|detective|officer|
  trustee|dean|provost|rector|chancellor|envoy|consul|delegate|mp|mep|lawmaker|legislator|candidate|
  senior|junior|first|special|national|security|adviser|advisor|press|communications|public|affairs|
  operating|financial|technology|information|marketing|sales|operations|commercial|global|regional|
  foreign|defense|defence|interior|finance|justice|health|education|energy|transport|transportation|trade|
  labor|labour|agriculture|environment|housing|home|economy|treasury|homeland|industry|
  chief-executive|vice-president|co-founder|president-elect|first-lady|crown|grand|duke|duchess|earl|baron|
  count|countess|marquis|general-secretary|secretary-general|director-general
`);

/** Title words that are strong enough on their own to mark the next capitalised words as a person. */
export const CORE_TITLES = words(`
  president|mayor|governor|gov|senator|sen|sens|representative|rep|reps|congressman|congresswoman|
  secretary|minister|chancellor|premier|ambassador|commissioner|director|chairman|chairwoman|chair|
  ceo|cfo|coo|cto|founder|spokesman|spokeswoman|spokesperson|judge|justice|sheriff|inspector|superintendent|
  lieutenant|lt|colonel|col|captain|capt|major|maj|sergeant|sgt|admiral|adm|commander|cmdr|gen|brigadier|
  pope|king|queen|prince|princess|lord|lady|sir|dame|dr|doctor|professor|prof|mr|mrs|ms|miss|mister|
  rev|reverend|father|bishop|archbishop|cardinal|rabbi|imam|sheikh|ayatollah|speaker|treasurer|
  attorney|general|executive|officer|manager|analyst|economist|lawyer|coach|emir|sultan|president-elect|
  councilman|councilwoman|councillor|councilor|prosecutor|detective|envoy|lawmaker|adviser|advisor|leader|
  head|dean|candidate|mp|mep|co-founder|cofounder|duke|duchess|earl|baron|countess|secretary-general|director-general|vice-president
`);

/** Honorifics that are dropped from a role ("Mr Howard" has no role). */
export const HONORIFICS = words(`mr|mrs|ms|miss|mister|dr|sir|dame|madam|mme|mlle|herr|frau|monsieur|madame|señor|señora`);

/** Abbreviations written with a final period that does not end a sentence. */
export const ABBREVIATIONS = words(`
  mr|mrs|ms|dr|sen|sens|gov|rep|reps|gen|lt|col|capt|maj|sgt|adm|cmdr|prof|rev|hon|st|jr|sr|inc|corp|co|ltd|
  bros|no|vs|mt|ft|ave|blvd|rd|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|calif|ariz|colo|conn|fla|ga|
  ill|ind|kan|ky|la|md|mass|mich|minn|miss|mo|mont|neb|nev|okla|ore|pa|penn|tenn|tex|va|vt|wash|wis|wyo|
  dept|univ|assn|est|approx|fig|al|etc|plc|llc|ag|sa|nv|bv|gmbh|op|ed
`);

/** Last words that make a capitalised span an organisation ("… Enforcement", "… Chronicle"). */
export const ORG_HEADS = words(`
  inc|incorporated|corp|corporation|co|company|companies|ltd|limited|llc|plc|ag|gmbh|sa|nv|bv|lp|llp|
  group|holdings|holding|partners|associates|enterprises|industries|international|worldwide|
  agency|enforcement|administration|department|ministry|office|bureau|board|authority|commission|committee|panel|
  council|service|services|force|forces|army|navy|guard|police|patrol|command|corps|
  court|senate|congress|parliament|assembly|legislature|cabinet|government|
  party|union|federation|association|society|league|club|alliance|coalition|front|movement|foundation|
  institute|institution|university|college|school|academy|hospital|clinic|museum|library|church|
  bank|fund|reserve|exchange|trust|capital|securities|investments|insurance|financial|mutual|
  airlines|airline|airways|air|aviation|aerospace|motors|motor|automotive|systems|technologies|technology|
  software|labs|laboratories|pharmaceuticals|pharma|energy|oil|petroleum|gas|electric|power|utilities|
  communications|telecom|telecommunications|networks|network|broadcasting|media|studios|pictures|records|
  entertainment|games|news|newspaper|chronicle|times|post|journal|herald|tribune|gazette|telegraph|
  guardian|observer|examiner|inquirer|press|wire|magazine|review|daily|weekly|radio|television|tv|
  railways|railway|railroad|lines|shipping|logistics|motors|steel|mining|foods|brands|stores|mart|
  brothers|bros|sons|team|orchestra|band|council|commission|program|programme|project|initiative|
  organization|organisation|network|center|centre|institute|observatory|laboratory|station|
  commerce|chamber|customs|treasury|pentagon|nations|cooperation|bloc|cartel|opec|
  ventures|solutions|consulting|labs|robotics|devices|instruments|semiconductor|electronics|computers|computer
`);

/** First words that make a span an organisation when followed by "of" ("Bank of America", "Department of Labor"). */
export const ORG_OF_HEADS = words(`
  bank|department|ministry|office|bureau|board|university|college|school|institute|academy|museum|church|
  council|commission|committee|court|house|chamber|federation|association|society|league|union|party|panel|
  federal|state|secretary|organization|organisation|agency|administration|government|parliament|
  national|royal|central|people|united|fund|corporation|division|order|army|navy|friends|sisters|brothers|
  services|service|centre|center|port|city|republic|kingdom|bay|gulf|isle|island|islands|sea|cape|lake|
  mount|strait|straits|duchy|province|state|states|district|county|prefecture|emirate|sultanate|principality
`);

/** Last words that make a span a place ("Bay Area", "Atlantic Ocean"). */
export const PLACE_HEADS = words(`
  area|city|county|province|state|region|district|territory|valley|bay|coast|island|islands|isles|peninsula|
  ocean|sea|gulf|strait|river|lake|lakes|mountains|mountain|mount|hills|desert|forest|canyon|delta|basin|
  plain|plains|park|square|street|avenue|road|bridge|airport|harbor|harbour|port|beach|falls|heights|
  county|borough|parish|township|village|town|quarter|prefecture|oblast|emirate|republic|kingdom|
  peak|glacier|reef|channel|sound|cape|highlands|lowlands|steppe|archipelago|continent|hemisphere|factory|plant|refinery|shipyard|mine|dam|terminal|passage|pass|gorge|fjord|ridge|range
`);

/** Direction words that make "Northern California" a place of its own. */
export const DIRECTIONS = words(`
  north|south|east|west|northern|southern|eastern|western|central|upper|lower|greater|inner|outer|
  northeast|northwest|southeast|southwest|northeastern|northwestern|southeastern|southwestern|mid|middle|far|near
`);

/** Verbs that attribute speech or a report ("said", "told", "reported"). */
export const REPORTING_VERBS = words(`
  said|says|say|told|tells|tell|added|adds|explained|explains|stated|states|noted|notes|wrote|writes|
  reported|reports|announced|announces|argued|argues|claimed|claims|insisted|insists|warned|warns|
  asked|asks|replied|replies|continued|continues|declared|declares|admitted|admits|confirmed|confirms|
  acknowledged|acknowledges|commented|comments|recalled|recalls|predicted|predicts|believes|believed|
  suggested|suggests|observed|observes|remarked|remarks|countered|counters|cautioned|urged|urges|
  testified|said:|responded|responds|concluded|concludes|described|describes|agreed|agrees|stressed|stresses
`);

/** Nouns that mark a media organisation as a cited source when they follow it ("a Fox News host"). */
export const MEDIA_NOUNS = words(`host|anchor|reporter|correspondent|interview|journalist|report|editorial|broadcast|poll|survey|analysis|investigation`);

/** Words that head the name of a law or bill. */
export const LAW_HEADS = words(`
  act|bill|law|laws|treaty|amendment|code|constitution|convention|directive|regulation|regulations|
  protocol|accord|accords|agreement|charter|statute|ordinance|resolution|proposition|doctrine|decree|rule
`);

/** Words that, capitalised, are still not names: pronouns, sentence adverbs, calendar words and the like. */
export const NOT_NAMES = words(`
  i|i'm|i've|i'd|i'll|we|you|he|she|it|they|this|that|these|those|there|here|the|a|an|and|or|but|if|so|
  when|while|after|before|since|as|at|in|on|of|for|to|from|by|with|without|about|under|over|during|
  however|meanwhile|also|then|now|today|yesterday|tomorrow|tonight|still|yet|although|though|because|
  according|despite|many|some|most|more|other|others|all|both|each|every|any|no|not|one|two|three|
  mon|tue|wed|thu|fri|sat|sun|am|pm|a.m|p.m|his|her|its|their|our|my|your|what|who|why|how|where|which|
  ok|okay|yes|no|oh|mr|mrs|ms|dr|st|read|more|click|photo|image|video|source|sources|update|updated|
  chapter|page|section|part|figure|table|note|notes|editor|editors|report|reporting|breaking|
  utc|gmt|est|edt|cst|cdt|mst|mdt|pst|pdt|bst|cet|cest|ist|jst|aest|
  ceo|cfo|coo|cto|vip|tv|os|sdk|api|cpu|gps|sms|suv|suvs|atm|dna|rna|hiv|iq|mri|ngo|ngos|cv|pe|dj|uv|lgbt|phd|mba|
  islam|christianity|judaism|hinduism|buddhism|sikhism|christmas|easter|ramadan|eid|thanksgiving|hanukkah|diwali|halloween|passover|lent|usd|eur|gbp|ghz|mhz|gb|mb|kb|tb|ipo|gdp|faq|pc|id|ok|dvd|cd|pdf|url|html|ad|bc|ce|bce
`);
