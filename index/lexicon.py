"""The words attribution rules look for: cue verbs and what may follow them, the words that
start or end a source, and the labels that only look like speakers. Kept apart from the rules
(``attribution.py``) so the lexicon can be read, and tuned, as a list.
"""

from __future__ import annotations

SAY = (
    "say|says|said|saying|tell|tells|told|telling|adds|added|adding|stress|stresses|stressed|"
    "urge|urges|urged|urging|warn|warns|warned|warning|reject|rejects|rejected|argue|argues|"
    "argued|arguing|claim|claims|claimed|note|notes|noted|noting|explain|explains|explained|"
    "write|writes|wrote|tweeted|announce|announces|announced|insist|insists|insisted|"
    "suggest|suggests|suggested|acknowledge|acknowledges|acknowledged|ask|asks|asked|believe|"
    "believes|believed|expect|expects|expected|think|thinks|thought|reports|reported|"
    "continues|continued|contend|contends|contended|predict|predicts|predicted|promise|"
    "promises|promised|vow|vows|vowed|declare|declares|declared|stated|concede|"
    "concedes|conceded|admit|admits|admitted|complain|complains|complained|maintain|"
    "recall|recalls|recalled|reply|replies|replied|respond|responds|responded|charge|"
    "charged|allege|alleges|alleged|estimate|estimates|estimated|finds|found|show|"
    "shows|showed|shown|conclude|concludes|concluded|confirm|confirms|confirmed|deny|denies|"
    "denied|hope|hopes|hoped|fear|fears|feared|agree|agrees|agreed|counter|counters|countered|"
    "emphasize|emphasizes|emphasized|emphasise|emphasised|affirm|affirms|affirmed|reaffirm|"
    "reaffirms|reaffirmed|accuse|accuses|accused|caution|cautions|cautioned|observe|observes|"
    "observed|remark|remarked|reveal|reveals|revealed|indicate|indicates|indicated|"
    "testify|testifies|testified|wonder|wonders|wondered|questions|questioned|doubt|"
    "doubts|doubted|mention|mentions|mentioned|cite|cites|cited|citing|pledge|pledges|pledged|"
    "echo|echoes|echoed|criticize|criticizes|criticized|describe|describes|described|"
    "predicts|learned|learn|know|knows|worry|worries|worried|signal|signals|signaled|"
    "presses|pressed|demand|demands|propose|proposes|proposed|recommend|"
    "recommends|recommended|point out|points out|pointed out|made clear|make clear|makes clear|"
    "call for|calls for|called for|calling for|call on|calls on|called on|calling on|"
    "blame|blames|blamed|attacked|announce|want|wants|wanted|planned|"
    "characterized|characterised|characterizes|characterises|characterize|"
    "decline|declines|declined|refuse|refuses|refused|seem|seems|seemed|appear|appears|"
    "appeared|endorses|endorsed|supports|supported|praise|praises|praised|"
    "defend|defends|defended|oppose|opposes|opposed|seeks|sought|call|calls|called|"
    "refer to|refers to|referred to|referring to|point to|points to|pointed to|viewed|"
    "regard|regards|regarded|"
    "see|sees|saw|offer|offered|dismiss|dismisses|dismissed|backed|backing|"
    "express|expresses|expressed|expressing|blast|blasts|blasted|post|posts|posted|order|"
    "orders|ordered|assure|assures|assured|decide|decides|decided|mock|mocks|mocked|discuss|"
    "discusses|discussed|discussing|feel|feels|felt|denounce|denounces|denounced|denouncing|"
    "prefer|prefers|preferred|reiterate|reiterates|reiterated|assert|asserts|asserted|asserting|"
    "considers|considered|slam|slams|slammed|decry|decries|decried|lament|laments|"
    "lamented|joke|jokes|joked|highlight|highlights|highlighted|remind|reminds|reminded|favor|"
    "favored|request|requests|requested|condemn|condemns|condemned|condemning|shout|"
    "shouts|shouted|chant|chants|chanted|chanting|encourage|encourages|encouraged|"
    "welcomes|welcomed|challenged|boast|boasts|boasted|imply|implies|"
    "implied|implying|recognize|recognizes|recognized|anticipate|anticipates|anticipated|"
    "calling|suggesting|showing|asking|explaining|recalling|claiming|stating|"
    "describing|announcing|hoping|promising|acknowledging|questioning|attacking|criticizing|"
    "declaring|accusing|insisting|offering|vowing|mentioning|arguing|noting|warning|urging|"
    "telling|adding|citing|blaming|praising|alleging|admitting|complaining|predicting|"
    "talking about|talked about|talks about|spoke about|speaking about|went on to say|"
    "made it clear|make it clear|makes it clear|"
    # The long tail: verbs of praising, mocking, pleading, recounting … that PolNeAR's
    # annotators mark as often as "said" when a speaker is their subject.
    "tout|touts|touted|touting|rail|railed|rails|railing|plead|pleads|pleaded|pleading|thank|thanks|thanked|thanking|emailed|answer|answered|threaten|threatens|threatened|threatening|project|projected|forecast|forecasts|remember|remembers|remembered|disclose|discloses|disclosed|retweet|retweets|retweeted|quote|quotes|quoted|quoting|assail|assails|assailed|applaud|applauds|applauded|reference|references|referenced|referencing|bemoan|bemoans|bemoaned|apologize|apologizes|apologized|liken|likens|likened|mocking|invoke|invokes|invoked|invoking|comment|commented|detail|details|detailed|detailing|yell|yells|yelled|lambaste|lambastes|lambasted|rebuke|rebukes|rebuked|interject|interjects|interjected|deride|derides|derided|recount|recounts|recounted|speculate|speculates|speculated|remarking|hail|hails|hailed|articulate|articulates|articulated|proclaim|proclaims|proclaimed|outline|outlines|outlined|outlining|muse|muses|mused|credit|credits|credited|advocate|advocates|advocated|voice|voices|voiced|portray|portrays|portrayed|portraying|identify|identifies|identified|list|lists|listed|tweets|tweeting|speaks|talks|talked|pledging|blasting|slamming|dismissing|echoing|emphasizing|defending|endorsing|proposing|reminding|rejecting|repeating|repeat|repeats|repeated|sound|sounded|chide|chides|chided|scold|scolds|scolded|ridicule|ridicules|ridiculed|castigate|castigated|disparage|disparaged|trumpet|trumpeted|tease|teases|teased|vent|vented|quip|quips|quipped|brag|brags|bragged|gush|gushed|scoff|scoffed|sneer|sneered|fume|fumed|exclaim|exclaimed|retort|retorted|rebut|rebutted|rebuff|rebuffed|concur|concurred|clarify|clarified|contested|dispute|disputes|disputed|elaborate|elaborated|inform|informed|notify|notified|lobby|lobbied|celebrate|celebrated|congratulate|congratulated|greet|greeted|salute|saluted"
)

# Dropped as cues (under a third of their matches were attributions on PolNeAR train, so
# each cost more precision than it gave recall): talk, speak, spoke, add, find, continue,
# question, challenge(s), attack, endorse, tweet, maintains, demanded, favors, offers, press,
# contest, charges, maintained, knew, consider, supporting, answers, highlighting, report,
# seek, welcome, and the nouns-as-often-as-verbs email, emails, remarks, comments.

# A cue word right after these is a noun ("other reports", "for fear of"), not a verb.
NOUN_CONTEXT = {
    "for", "of", "the", "a", "an", "no", "other", "many", "news", "media", "press", "his", "her",
    "their", "its", "our", "my", "your", "some", "these", "those", "such", "in", "on", "with",
    "by", "this", "that", "to", "any", "every", "first", "last", "new", "recent", "earlier",
}

# Stances PolNeAR counts as attributions: "wants to run", "declined to comment", "seemed to
# suggest" take an infinitive; "called it a disaster", "endorsed Clinton", "referring to the
# deal" take an object.
TAKES_INFINITIVE = {
    "want", "wants", "wanted", "plan", "plans", "planned", "hope", "hopes", "hoped", "refuse",
    "refuses", "refused", "decline", "declines", "declined", "seem", "seems", "seemed", "appear",
    "appears", "appeared", "seek", "seeks", "sought", "promise", "promises", "promised", "pledge",
    "pledges", "pledged", "agree", "agrees", "agreed",
}

TAKES_OBJECT = {
    "call", "calls", "called", "endorse", "endorses", "endorsed", "support", "supports",
    "supported", "praise", "praises", "praised", "defend", "defends", "defended", "oppose",
    "opposes", "opposed", "criticize", "criticizes", "criticized", "accuse", "accuses", "accused",
    "propose", "proposes", "proposed", "cite", "cites", "cited", "describe", "describes",
    "described", "sought", "to", "back", "backs", "backed", "offer", "offers", "offered",
    "order", "orders", "ordered", "consider", "considers", "considered", "welcome", "welcomes",
    "welcomed", "challenge", "challenges", "challenged", "favor", "favors", "favored", "prefer",
    "prefers", "preferred", "discuss", "discusses", "discussed", "express", "expresses",
    "expressed", "dismiss", "dismisses", "dismissed", "highlight", "highlights", "highlighted",
    "remind", "reminds", "reminded", "encourage", "encourages", "encouraged", "request",
    "requests", "requested", "assure", "assures", "assured", "ask", "asks", "asked",
    "report", "reports", "reported",
}

# The long tail's verbs that name what they act on ("touted the plan", "thanked voters"), or
# double as nouns ("the list", "a tweet"): cues only with an object or an introducer.
TAKES_OBJECT |= {
    "tout", "touts", "touted", "touting", "rail", "thank", "thanks", "thanked", "thanking", "email",
    "emails", "answer", "answers", "threaten", "threatens", "threatened", "threatening", "project", "projected", "forecast",
    "forecasts", "remember", "disclose", "discloses", "retweet", "retweets", "retweeted", "quote", "quotes", "quoted",
    "quoting", "assail", "assails", "assailed", "applaud", "applauds", "applauded", "reference", "references", "referenced",
    "referencing", "apologize", "apologizes", "liken", "likens", "likened", "mocking", "invoke", "invokes", "invoked",
    "invoking", "comment", "comments", "detail", "details", "detailed", "detailing", "lambaste", "lambastes", "lambasted",
    "rebuke", "rebukes", "rebuked", "deride", "derides", "derided", "remarking", "remarks", "hail", "hails",
    "hailed", "articulate", "articulates", "articulated", "outline", "outlines", "outlined", "outlining", "credit", "credits",
    "credited", "advocate", "advocates", "advocated", "voice", "voices", "voiced", "portray", "portrays", "portrayed",
    "portraying", "identify", "identifies", "identified", "list", "lists", "listed", "tweet", "tweets", "tweeting",
    "speak", "speaks", "talk", "talks", "talked", "pledging", "blasting", "slamming", "dismissing", "echoing",
    "emphasizing", "highlighting", "defending", "endorsing", "proposing", "reminding", "rejecting", "repeating", "repeat", "repeats",
    "repeated", "sound", "sounded", "chide", "chides", "chided", "scold", "scolds", "scolded", "ridicule",
    "ridicules", "ridiculed", "castigate", "castigated", "disparage", "disparaged", "trumpet", "trumpeted", "tease", "teases",
    "vent", "gush", "sneer", "fume", "rebut", "rebuff", "rebuffed", "concur", "clarify", "contest",
    "contested", "dispute", "disputes", "disputed", "elaborate", "inform", "informed", "notify", "notified", "lobby",
    "lobbied", "celebrate", "celebrated", "congratulate", "congratulated", "greet", "greeted", "salute", "saluted",
}

# Stances that are only reported as part of a claim already found around them.
NESTED_STANCES = {
    "want", "wants", "wanted", "think", "thinks", "thought", "believe", "believes", "believed",
    "seem", "seems", "seemed", "appear", "appears", "appeared", "hope", "hopes", "hoped",
    "plan", "planned", "expect", "expects", "expected", "feel", "feels", "felt", "know",
    "knows", "knew", "see", "sees", "saw", "supports", "supported", "backed", "opposes",
    "opposed", "found", "show", "shows", "showed", "worried", "fears", "feared", "wonder",
    "wondered", "decided", "prefer", "prefers", "considered",
}

SHOW = {"show", "shows", "showed", "shown", "find", "finds", "found", "suggest", "suggests",
         "suggested", "indicate", "indicates", "indicated", "reveal", "reveals", "revealed"}

EVIDENCE = {"poll", "polling", "survey", "study", "report", "review", "video", "data", "record",
             "email", "document", "analysis", "filing", "memo", "research", "figure", "number",
             "result", "photo", "footage", "audit", "investigation", "probe", "test", "count"}

# "Majorities see immigrants as a burden": a stance when "as" follows.
SEE_AS = {"see", "sees", "saw", "view", "views", "viewed", "regard", "regards", "regarded"}

# "Ms. Kelly seemed certain to leave", "he seemed rattled by the attacks"
SEEM = {"seem", "seems", "seemed", "appear", "appears", "appeared"}

# Verbs that are attributions only when they introduce content ("that", a colon, a quote).
NEEDS_INTRODUCER = {
    "question", "questions", "questioned", "attack", "attacks", "attacked", "blame", "blames",
    "blamed", "plan", "plans", "planned", "want", "wants", "wanted", "state", "states", "show",
    "shows", "showed", "shown", "find", "finds", "found", "know", "knows", "knew", "learn",
    "learned", "continue", "continues", "continued", "report", "reports", "reported", "conclude",
    "concludes", "concluded", "describe", "describes", "described", "criticize", "criticizes",
    "criticized", "press", "presses", "pressed", "demand", "demands", "demanded", "cite", "cites",
    "cited", "echo", "echoes", "echoed", "signal", "signals", "signaled", "mention", "mentions",
    "mentioned", "ask", "asks", "asked", "hope", "hopes", "hoped", "promise", "promises",
    "promised", "pledge", "pledges", "pledged", "recall", "recalls", "recalled", "accuse",
    "accuses", "accused", "counter", "counters", "countered", "charge", "charges", "charged",
    "propose", "proposes", "proposed", "recommend", "recommends", "recommended", "worry",
    "worries", "worried", "fear", "fears", "feared", "agree", "agrees", "agreed",
    "see", "sees", "saw", "offer", "offers", "offered", "back", "backs", "backed", "post", "posts",
    "posted", "order", "orders", "ordered", "decide", "decides", "decided", "feel", "feels",
    "felt", "consider", "considers", "considered", "welcome", "welcomes", "welcomed", "request",
    "requests", "requested", "encourage", "encourages", "encouraged", "challenge", "challenges",
    "challenged", "recognize", "recognizes", "recognized", "remind", "reminds", "reminded",
    "highlight", "highlights", "highlighted", "favor", "favors", "favored", "prefer", "prefers",
    "preferred", "shout", "shouts", "shouted", "chant", "chants", "chanted", "discuss",
    "discusses", "discussed", "express", "expresses", "expressed", "dismiss", "dismisses",
    "dismissed", "anticipate", "anticipates", "anticipated", "assure", "assures", "assured",
    *TAKES_INFINITIVE, *TAKES_OBJECT,
} - {
    # Attributions in over half their uses on PolNeAR train, with or without "that": the
    # object or clause after them is what the speaker did or said either way
    "reported", "reports", "described", "describes", "shows", "showed", "defended", "recalled",
    "touted", "touting", "praised", "cites", "questioned", "cited", "blamed", "expressed",
    "criticized", "signaled", "promised", "reminded", "retweeted", "dismissed", "declined",
    "echoed", "thanked", "accuses", "ordered", "accused", "concluded", "shouted", "refused",
    "assured", "endorsed", "asked", "asks", "voiced", "portrayed", "invoked", "likened",
    "agreed", "mentioned", "mention", "discussed", "offered", "attacked", "hopes", "posted",
    "portray", "dismissing", "chants", "chanted", "sounded", "repeating", "tweeting", "forecast",
    "slamming", "express", "finds", "mentions", "highlighted", "considers", "seeks", "quoted",
    "reminding", "listed", "projected", "talked", "detailing", "encouraged", "pledges", "mocking",
    "discuss", "cite", "hoped", "echoing", "emphasizing", "congratulated", "rejecting", "outlined",
    "applauded", "proposing", "recommended", "rebuffed", "continued", "sought", "opposed",
    "proposed", "requested", "challenged",
}

# Words a source cannot start with (prepositions, "this", "first"…); determiners may.
NOT_SOURCE_START = NOUN_CONTEXT - {
    "the", "a", "an", "his", "her", "their", "its", "our", "some", "many", "other", "these", "those",
    "new", "recent",  # "Recent polling shows", "New data suggest"
}

# Nouns that end like adverbs: "the rally denounced", "an ally said".
LY_NOUNS = {"rally", "ally", "family", "assembly", "supply", "monopoly", "anomaly", "reply"}
ADVERBS = {"also", "again", "later", "then", "once", "repeatedly", "previously", "reportedly",
            "still", "already", "never", "often", "now", "further", "too", "however"}

# "UPDATE:", "Editor's Note:", "Question:": labels, not people speaking (an all-capitals
# "TRUMP:" still is).
LABELS = {"note", "question", "answer", "remember", "name", "age", "city", "job", "pay",
           "update", "correction", "email", "related", "watch", "photo", "video", "source",
           "read", "more", "abstract", "clarification", "disclosure", "warning", "caption",
           "credit", "contact", "follow", "transcript", "excerpt", "editor", "p.s", "ps",
           "q", "a", "grandkids"}

SMALL_WORDS = {"a", "an", "the", "of", "in", "on", "for", "and", "with", "to", "at", "by"}

PRONOUNS = {"he", "she", "it", "they", "we", "i", "him", "her", "them"}

CLAUSE_WORDS = {
    "that", "which", "who", "whom", "whose", "and", "but", "or", "because", "when", "while",
    "although", "though", "if", "as", "after", "before", "since", "so", "then", "where",
    "what", "how", "why", "to", "than", "nor", "yet", "however", "indeed", "instead", "also",
    "meanwhile", "still", "moreover", "thus", "even", "has", "have", "had", "is", "was", "be",
    "were", "are", "will", "would", "did", "does", "do", "not", "may", "can", "could",
}

NAMING = {"called", "branded", "termed", "labeled", "labelled", "dubbed"}

NP_WORDS = {"the", "his", "her", "their", "its", "a", "an", "other", "some", "many", "both",
             "former", "fellow", "top", "senior"}

SUBJECT_PRONOUNS = PRONOUNS - {"him", "her", "them"}

GROUP_HEADS = {"people", "those", "others", "many", "some", "most", "few", "members", "men",
                "women", "children", "staff", "police", "clergy"}

AUXILIARIES = {"is", "was", "were", "are", "has", "have", "had", "will", "would", "could",
                "should", "can", "may", "might", "did", "does", "do", "be", "been", "not"}

SHARE_WORDS = {"percent", "majority", "half", "third", "thirds", "quarter", "quarters",
                "plurality", "minority"}

SOURCE_NOUNS = {
    "source", "official", "spokesman", "spokeswoman", "spokesperson", "aide", "analyst",
    "expert", "observer", "critic", "supporter", "voter", "report", "poll", "survey", "study",
    "statement", "readout", "lawmaker", "diplomat", "people", "resident", "economist",
    "leader", "adviser", "advisor", "strategist", "insider", "witness", "investigator",
    "researcher", "scientist", "officer", "agency", "campaign", "administration", "government",
    "polling", "data", "record", "review", "video", "email", "analysis", "number", "figure",
    "memo", "document", "filing", "research", "evidence", "result",
}
