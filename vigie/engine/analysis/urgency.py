"""Emergency detection: a danger now or imminent means "call 17", whatever else the report says.

A missed emergency is the worst error, so the rule leans towards recall: acute violence fires
unless the text places it clearly in the past or says the danger is over; a weapon alone (seen
last week, hidden in a cellar) is a risk flag, and becomes an emergency only with a sign that it
is happening now.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from vigie.engine.analysis.lexicon import words

# Violence or danger to a person that is an emergency unless clearly over.
ACUTE: Final = words(
    r"coups? de (?:feu|fusil|pistolet|couteau|schlass)",
    r"tirs?",
    r"(?:ca|ils?|on) (?:se )?tir(?:e|ent)",
    r"tir(?:e|ent|er|ait|aient) (?:sur|dans|en l'air|des coups|a balles)",
    r"(?:tien\w*|attrap\w*|serr\w*|trai\w*) (?:\w+ ){0,3}"
    r"par (?:la gorge|le cou|le col|les cheveux)",
    r"(?:l'|les |le |la |m'|t'|nous |vous )(?:ont|a|avait|avaient) (?:\w+ )?"
    r"(?:frappee?s?|tabassee?s?|blessee?s?|poignardee?s?|agressee?s?|battue?s?)",
    r"retenue?s? (?:de force|par|contre son gre|prisonniere?s?)",
    r"rancon",
    r"vis(?:e|ent) (?:les|des|moi|nous|la foule|les gens|quelqu'un)",
    r"menace de (?:sauter|se jeter|se suicider)",
    r"(?:pris|prend|recu|touchee?s?) (?:\w+ )?(?:une |des )?balles?",
    r"par balles?",
    r"asperg\w* .{0,30}?(?:essence|acide)",
    r"(?:mettre|mis|mettent|met) le feu",
    r"immol\w*",
    r"point(?:e|ent|ait) (?:\w+ ){0,4}(?:vers|sur) "
    r"(?:les|des|moi|nous|lui|elle|eux|un|une|la|le|mon|ma|mes)",
    r"(?:ne )?respire (?:plus|a peine|mal|difficilement)",
    r"(?:perd|perdu|a perdu) connaissance",
    r"evanoui\w*",
    r"(?:hurle|crie) de douleur",
    r"(?:va|vont) mourir",
    r"se (?:noie|jeter|suicider|pendre)",
    r"lynch\w*",
    r"coups? de (?:pied|poing|batte|barre)s? (?:dans|sur|a)",
    r"fusillade",
    r"(?:a|ont|est|sont) (?:ete )?(?:blesses?|poignardee?s?|touchee?s?|renversee?s?)",
    r"(?<!chat )(?<!chien )(?<!animal )(?<!oiseau )blesse(?:e|s|es)?",
    r"bless(?:ure|ures)",
    r"saign\w*",
    r"(?:du|plein de|de) sang",
    r"au sol",
    r"(?:ne |n')?bouge plus",
    r"inconscient\w*",
    r"(?:se|s') (?:battent|battre|bat|bagarrent|bagarrer|frappent|tabassent)",
    r"bagarre\w*",
    r"rixe",
    r"tabass\w*",
    r"(?:le|la|les|l'|lui|me|te|nous|vous) (?:frapp\w*|tape\w*|cogn\w*|etrangl\w*)",
    r"(?:frapp|cogn|etrangl)(?:e|ent) (?:le|la|les|un|une|des|mon|ma|mes|son|sa|ses)",
    r"menac\w*",
    r"braqu\w*",
    r"(?:pointe|pointent|brandit|brandissent|sort|sortent|sorti|sortir) (?:\w+ ){0,2}"
    r"(?:arme|pistolet|fusil|flingue|couteau|machette|kalach\w*|gun|calibre)",
    r"arme (?:a la main|au poing)",
    r"armee?s? (?:d'un|d'une|de)",
    r"pris en otage",
    r"otages?",
    r"sequestr\w*",
    r"enlev(?:e|ee|ement)",
    r"kidnapp\w*",
    r"au secours",
    r"a l'aide",
    r"overdose",
    r"fait un malaise",
    r"convuls\w*",
    r"(?:enfant|bebe|petit|gamin) (?:\w+ ){0,3}seul",
    r"(?:de la )?fumee (?:qui )?(?:sort|sortant)",
    r"incendie",
    r"(?:prend|a pris|en) feu",
    r"renvers\w*",
    r"agress\w*",
    r"(?:se |s')?(?:tap\w*|cogn\w*) dessus",
    r"(?:se fai(?:t|re|saient|sait)|s'est fait|a ete|ont ete) (?:\w+ )?(?:agresser|frapper|tabasser"
    r"|violer|violee|planter|plante|poignarder|tuer|defoncer|lyncher|enlever|kidnapper)",
    r"(?:il|elle|ils) (?:va|vont) (?:le|la|les|l') (?:tuer|buter)",
    r"(?:on|ils?) va (?:se faire )?(?:tuer|buter)",
)
WEAPON: Final = words(
    r"armes?(?: a feu| blanche)?",
    r"armee?s?",
    r"pistol(?:et|e|é)s?",
    r"revolvers?",
    r"fusils?(?: a pompe)?",
    r"flingues?",
    r"kalach\w*",
    r"ak ?47",
    r"couteaux?",
    r"lames?",
    r"cutters?",
    r"sabres?",
    r"haches?",
    r"machettes?",
    r"battes?",
    r"barres? de fer",
    r"calibres?",
    r"gun",
    r"grenades?",
    r"carabines?",
    r"tasers?",
    r"mortiers?",
    r"bombes? lacrymo\w*",
)
NOW: Final = words(
    r"en ce moment(?: meme)?",
    r"(?:la )?maintenant",
    r"mtn",
    r"a l'instant",
    r"(?:vient|viennent|venons|viens|venez) (?:juste |tout juste )?de",
    r"(?:vient|viennent|venons|viens|venez) (?:juste |tout juste )?d'\w+",
    r"actuellement",
    r"en cours",
    r"v(?:e)?nez(?: vite| vit)?",
    r"vite",
    r"urgent\w*",
    r"urgence",
    r"depechez[- ]vous",
    r"depechez",
    r"envoyez",
    r"(?:toujours|encore) (?:la|sur place)",
    r"immediatement",
    r"tout de suite",
    r"au secours",
    r"a l'aide",
    r"aidez[- ](?:moi|nous)",
    r"sos",
    r"appelez (?:le samu|les pompiers|les secours|une ambulance)",
    r"envoyez (?:les|la|du|des|quelqu'un|une)",
)
# Cries for help: an emergency on their own unless the text places them in the past.
HELP: Final = words(
    r"au secours",
    r"a l'aide",
    r"aidez[- ](?:moi|nous)",
    r"venez vite",
    r"envoyez (?:les pompiers|la police|du monde|quelqu'un|une ambulance|les secours)",
    r"appelez (?:le samu|les pompiers|les secours|une ambulance)",
)
# Present-tense hints: count only when nothing places the scene in the past or in a routine.
PRESENT: Final = words(
    r"en train de",
    r"(?:il|elle|ils|elles) (?:est|sont) (?:la|dehors|devant|dans)",
    r"(?:est|sont) postee?s?",
    r"hurle\w*",
    r"crie(?:nt)?",
)
OVER: Final = words(
    r"hier",
    r"avant[- ]hier",
    r"la semaine (?:derniere|passee)",
    r"le mois (?:dernier|passe)",
    r"l'autre (?:jour|soir|nuit)",
    r"il y a (?:\d+|deux|trois|quelques|plusieurs) (?:jours|semaines|mois|ans)",
    r"plus de danger",
    r"(?:est|sont) partie?s?",
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) (?:soir|matin|dernier)",
    r"a vu",
    r"m'a (?:raconte|dit)",
    r"(?:chaque|toutes les) (?:nuit|nuits|soir|soirs)",
    r"tous les (?:soirs|jours|nuits|week-ends?)",
    r"souvent",
    r"parfois",
    r"l'an(?:nee)? (?:dernier|derniere|passe|passee)",
    r"(?:il y a|depuis) (?:des|plusieurs) (?:annees|mois)",
)


@dataclass(frozen=True, slots=True)
class Urgency:
    urgent: bool
    rule: str
    weapon_seen: bool


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def detect(text: str) -> tuple[Urgency, list[tuple[int, int]]]:
    """Whether folded ``text`` describes an emergency, the rule, and the spans behind it."""
    acute, weapon = _spans(ACUTE, text), _spans(WEAPON, text)
    if not acute and not weapon:
        return Urgency(False, "", False), []
    now, present, over = _spans(NOW, text), _spans(PRESENT, text), _spans(OVER, text)
    armed = bool(weapon)
    if acute and now:
        return Urgency(True, "violence ou danger en cours", armed), acute[:3] + now[:2]
    if weapon and now:
        return Urgency(True, "arme et danger immédiat", True), weapon[:2] + now[:2]
    if acute and not over:
        return Urgency(True, "violence ou danger sans indication passée", armed), acute[:3]
    help_cries = _spans(HELP, text)
    if help_cries and not over:
        return Urgency(True, "appel à l'aide", armed), help_cries[:2]
    if weapon and present and not over:
        return Urgency(True, "arme et scène au présent", True), weapon[:2] + present[:2]
    if weapon:
        return Urgency(False, "arme mentionnée sans danger immédiat", True), weapon[:2]
    return Urgency(False, "violence passée ou habituelle", False), acute[:3] + over[:2]
