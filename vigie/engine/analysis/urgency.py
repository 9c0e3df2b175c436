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

from vigie.engine.analysis.lexicon import either, words
from vigie.engine.analysis.lexicon import spans as _spans

# "Au secours, on n'en peut plus": exasperation at a nuisance, not a cry for help.
_EXASPERATED: Final = r"(?![ ,!.]*(?:on |j'|je |nous )?(?:n'?en |en )(?:peut|peux|pouvons) plus)"

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
    r"se (?:noie|suicider|pendre)",
    r"se jeter (?:du|de la|par|sous|dans|d'un)",
    r"lynch\w*",
    r"coups? de (?:pied|poing|batte|barre)s? (?:dans|sur|a)",
    r"fusillade",
    r"(?:a|ont|est|sont) (?:ete )?(?:blesses?|poignardee?s?|touchee?s?|renversee?s?)",
    r"(?<!chat )(?<!chien )(?<!animal )(?<!oiseau )blesse(?:e|s|es)?",
    r"bless(?:ure|ures)",
    r"saign\w*",
    # not "des traces de sang" (what is left, not someone bleeding)
    r"(?<!traces )(?<!trace )(?<!taches )(?<!tache )(?:du|plein de|de) sang",
    r"au sol",
    r"(?:ne |n')?bouge plus(?! depuis)",
    r"inconscient\w*",
    r"(?:se|s') (?:battent|battre|bat|bagarrent|bagarrer|frappent|tabassent)",
    r"bagarre\w*",
    r"rixe",
    r"tabass\w*",
    # a word cited in quotes ("ils parlent de « la frappe »", slang for cannabis) is no blow
    r"(?<!de )(?<!\" )(?<!\")(?:le|la|les|l'|lui|me|te|nous|vous) "
    r"(?:frapp\w*|tape\w*|cogn\w*|etrangl\w*)",
    r"(?:frapp|cogn|etrangl)(?:e|ent) (?:le|la|les|un|une|des|mon|ma|mes|son|sa|ses)"
    r"(?! (?:vitres?|portes?|fenetres?|voitures?|murs?|poubelles?|carreaux|volets?))",
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
    rf"au secours{_EXASPERATED}",
    r"a l'aide",
    r"overdose",
    r"fait un malaise",
    r"convuls\w*",
    r"(?:enfant|bebe|petit|gamin) (?:\w+ ){0,3}seul",
    r"(?:de la )?fumee (?:qui )?(?:sort|sortant)",
    r"incendie",
    r"(?:prend|a pris|en) feu(?! (?:tricolore|rouge|vert|orange|de signalisation|d'artifice))",
    r"renvers\w*",
    r"agress(?:e|ee|es|ees|ent|er|ion|ions|eurs?)",
    r"(?:se |s')?(?:tap\w*|cogn\w*) dessus",
    r"(?:se fai(?:t|re|saient|sait)|s'est fait|a ete|ont ete) (?:\w+ )?(?:agresser|frapper|tabasser"
    r"|violer|violee|planter|plante|poignarder|tuer|defoncer|lyncher|enlever|kidnapper)",
    r"(?:il|elle|ils) (?:va|vont) (?:le|la|les|l') (?:tuer|buter)",
    r"(?:on|ils?) va (?:se faire )?(?:tuer|buter)",
)
# Emergencies told as events rather than with emergency words: someone hurt, trapped, taken,
# a fire, a vehicle driven at people, a break-in with people inside, an overdose.
EVENT: Final = words(
    # someone hurt or dying
    r"(?:par terre|allonge\w*|ecroule\w*|effondre\w*|inanime\w*)",
    # "la voiture ne bouge plus depuis septembre": a thing left there, not a person
    r"(?:bouge|respire|reagit) (?:a peine|presque plus|plus|super lentement|lentement|tres mal"
    r"|tres lentement|mal)(?! depuis)",
    r"(?:ne |n')(?:bouge|respire|reagit|pleure) plus(?! depuis)",
    r"(?:ne |n')?repond plus (?:quand|du tout|a rien)",
    r"levres (?:\w+ )?bleues",
    r"yeux revulses",
    r"mousse (?:a|aux) (?:la )?bouche",
    r"(?:s'|se |en train de s')etouff\w*",
    r"devient (?:tout |toute )?(?:violet|violette|bleu|bleue)",
    r"(?:il|elle) est (?:tout|toute) (?:violet|violette|bleu|bleue)",
    # an overdose told by what is seen
    r"yeux (?:qui )?(?:partent|part|tournent|roulent) en arriere",
    r"trembl\w* de partout",
    r"convuls\w*",
    # "il ne nous reconnaît plus", not "je ne reconnais plus rien" (my town has changed)
    r"(?:ne |n')(?:nous|me|la|le|les) reconna\w* plus",
    r"(?:ne |n')reconna\w* personne",
    r"en sang",
    r"coince\w* (?:dessous|sous)",
    r"(?:est|sont) tombee?s? (?:par|de|du|dans)",
    r"ne peut plus bouger",
    r"avale\w* (?:des|les|un|une|plein de) (?:sachets?|boulettes?|pochons?|ovules?)",
    r"seringue (?:encore )?dans le bras",
    r"pris toute sa (?:boite|plaquette)",
    r"(?:il|elle) se (?:debat|debattait)",
    r"se debat",
    # held, taken, trapped
    r"enfermee?s?",
    r"retenue?s?",
    r"attachee?s? (?:a|sur|au)",
    r"ligotee?s?",
    r"(?:jete\w*|mis|mise|mettre|met\w*|pousse\w*|enferme\w*) (?:\S+ ){0,3}dans (?:le|un) coffre",
    r"(?:pistolet|flingue|arme|couteau|machette|fusil|gun|calibre|batte|kalach\w*)s? "
    r"(?:a la main|au poing|dans la main|a la ceinture|sur lui|sur eux)",
    r"(?:vient|viennent) de tomber",
    r"tombee?s? (?:par|de) la fenetre",
    r"(?:tap\w*|frapp\w*|cogn\w*) (?:\w+ )?dans le coffre",
    r"(?:monter|pousse\w*|embarque\w*|emmene\w*) de force",
    r"emmen\w* vers (?:un|une|le|la|sa|son|leur)",
    r"(?:a ete|ont ete) emmene\w*",
    r"sac sur la tete",
    r"(?:tien\w*|attrap\w*) (?:\w+ ){0,3}par (?:le bras|la gorge|le cou|les cheveux)",
    r"tir\w* par les cheveux",
    r"(?:ils |qui )?me tiennent",
    r"fermee? a cle",
    r"(?:bloquee?s?|coincee?s?) (?:sur|dans|au|a l')",
    r"(?:n'|ne )?(?:arrive|arrivent|arrivons|peut|peuvent|pouvons) (?:pas|plus) "
    r"a (?:sortir|descendre)",
    r"(?:on|ils|elle|il) (?:n')?arrive pas a (?:sortir|descendre)",
    r"personne (?:ne )?sort",
    # a small child left alone in the street
    r"(?:enfant|petit|petite|gamin|gamine|bebe|fillette)s? (?:de \d+ ans )?(?:tout |toute )?"
    r"seule?s? (?:dans|ds|sur|devant|au milieu de) (?:la |le |l')?(?:rue|route|trottoir|parking"
    r"|nationale)",
    # fire, gas, smoke
    r"fumee\w*(?! (?:de|du|d') ?(?:cannabis|shit|joints?|beuh|chicha|cigarettes?|barbecue|herbe))",
    r"flammes?",
    r"(?:le |du |en )feu(?! (?:tricolore|rouge|vert|orange|de signalisation|d'artifice))",
    # "papier alu brûlé", "cuillère brûlée": the traces of consumption, not a fire
    r"(?<!alu )(?<!aluminium )(?<!papier )(?<!cuillere )(?<!cuilleres )(?<!mégot )"
    r"(?<!megot )(?<!joint )(?<!pipe )brul(?:e|ent|er)",
    r"ca brule",
    r"en train de bruler",
    r"(?:sent|odeur de) (?:le |du )?gaz",
    r"faire sauter",
    r"(?:bidons?|jerricans?) d'essence",
    r"enflamme\w*",
    # vehicles against people, break-ins, assaults
    r"fonc(?:e|ent|er|ait) (?:sur|dans)",
    # a driver fleeing a check at speed among other cars: a danger to everyone on the road
    r"(?:a|en) contresens",
    # a car on the pavement that has just hit someone
    r"(?:accroch|renvers|fauch|heurt)\w* (?:une?|des|la|le|les) (?:\w+ )?(?:dame|femme|homme"
    r"|enfants?|gamins?|pietons?|passants?|personnes?|vieille|vieux|mamie|papi|poussette"
    r"|cycliste)",
    r"forc\w* (?:le|un|les|des) (?:controles?|barrages?|peages?)",
    r"refus d'obtemperer",
    r"en zigzag\w*",
    # cars rammed on purpose, a fight breaking out
    r"(?:se )?(?:rentr|fonc)\w* dedans (?:expres|volontairement|exprès)",
    r"c'?est la guerre",
    r"percut\w*",
    r"ecras\w*",
    # "l'activité se poursuit", "poursuivi en justice": not a chase
    r"(?<!se )(?<!s')poursui(?:t|vent|vi)(?! (?:en justice|son|sa|ses|leur|leurs)\b)",
    r"(?:defonc|forc|cass)\w* (?:la|ma|sa|leur|notre|une) porte",
    r"ont force",
    # masked men doing something, not masked men seen in a car that drives around
    r"cagoule\w* (?:\w+ ){0,3}(?:entr|rentr|debarqu|forc|arriv|sort|fonc|cour|frapp|tap|cass"
    r"|defonc|menac|pourchass|agress|cherch)\w*",
    r"etrangl\w*",
    r"couteau sous la gorge",
    r"sous la menace",
    r"(?:va|vont|veut|veulent|voulait) (?:me |la |le |les |nous |l')?(?:tuer|buter|sauter|planter)",
    r"qu'on veut la tuer",
    r"(?:lanc|jett?|balanc)\w* des (?:pierres|cailloux|projectiles)"
    r"(?! sur (?:mon|ma|le|la|son|sa|leur|les|des) (?:chiens?|chats?|pigeons?|oiseaux))",
    # taken by force, chased, hiding from attackers
    r"(?:oblig|forc|pouss|contraint)\w* (?:\S+ ){0,3}a (?:monter|entrer|rentrer) dans",
    r"(?:me|nous|lui|le|la|les) (?:court|courent|courait|couraient) apres",
    r"(?:je suis|jsuis|suis|on est|nous sommes) cache\w* (?:dans|ds|sous|derriere|chez)",
    # Antilles Creole: "ka tiré" (shooting), "ka senyen" (bleeding)
    r"ka tire",
    r"senyen",
    r"detonations?",
    r"explosions?(?! de (?:violence|joie|colere|rire|delinquance))",
    r"attaqu\w*",
    r"eau bouillante",
    r"(?:tapent|frappent|cognent) (?:dans|contre|a) (?:ma|la|leur|notre) porte",
    r"fouill\w* (?:mes|nos|ses|les) (?:tiroirs|affaires|poches)",
    r"sont (?:entres|rentres) chez",
    r"tir(?:e|ent) (?:au|a la|avec)",
    r"sur le rebord",
    r"(?:va|veut) (?:se jeter|sauter)",
)
# Threats count as danger when they are physical, not when they are posted or messaged.
THREAT: Final = words(r"menac\w*")
# A threat told as made before ("il m'a menacée", "il a reçu des menaces"): not a danger now
# unless its sentence says something is happening now.
THREATENED_BEFORE: Final = words(
    r"(?:m'|t'|l'|nous |vous |les |lui |leur )?(?:a|ont|avait|avaient) (?:\w+ )?menace\w*",
    r"(?:a|ai|as|avons|avez|ont|avait) (?:\w+ )?recu (?:\w+ ){0,3}menaces?",
    r"(?:a|ai|as|avons|avez|ont|avait|avaient) (?:deja )?ete menace\w*",
)
REMOTE: Final = words(
    r"en postant",
    r"post\w*",
    r"photos?",
    r"messages?",
    r"sms",
    r"en ligne",
    r"reseaux",
    r"stor(?:y|ies)",
    r"snap\w*",
    r"insta\w*",
    r"telegram",
    r"facebook",
    r"fb",
    r"tik ?tok",
    r"whatsapp",
    r"par telephone",
    # threats of a lawsuit, an eviction, a complaint: not a danger to a person
    r"proces",
    r"avocats?",
    r"huissiers?",
    r"expuls\w*",
    r"justice",
    r"porter plainte",
    r"plainte",
    r"syndic",
    r"bailleur",
    r"licenci\w*",
    r"au telephone",
)
# Not real weapons, or weapons of a game: a sentence that names them has no danger of its own.
TOY: Final = words(
    r"(?:pistolet|fusil|arme)s? (?:a billes|a eau|airsoft|en plastique|jouets?)",
    # fireworks aimed at people or at the emergency services are no game
    r"(?:mortiers?|feux?|fusees?) d'artifice(?! (?:\w+ ){0,2}sur (?:les|des|la|le) (?:pompiers"
    r"|policiers|gens|passants|secours|flics|keufs|gendarmes|voitures|bus|police))",
    r"petards?",
    r"paintball",
    r"fourriere",
    r"jeux? video",
    # fiction: a game, a clip, a film ("un jeu où il faut tirer sur des policiers")
    r"(?:un |des |le |les |ce |ces )(?:jeux?|clips?|films?|series?|videos? de rap)",
)
# "jamais été menacé", "ni de menace", "sans arme": the danger is denied.
# "a failli écraser", "i manque écrase" (Réunion Creole: nearly ran over): a near miss.
NEGATED: Final = re.compile(
    r"(?:jamais|aucune?|sans|ni de|ni d'|pas de|pas d'|failli|manque|presque"
    # a likeness ("on dirait des coups de feu"), a trade ("il vend des armes de poing")
    r"|on dirait|on aurait dit|ressembl\w*|vend\w*|revend\w*|trafic)(?: \S+){0,2} $"
)
# The danger is said to be over, or never was.
RESOLVED: Final = words(
    r"plus de danger",
    r"rien de cass\w*",
    r"c'est (?:fini|termine)",
    r"c'est eteint",
    r"(?:personne|aucun(?:e)?|pas) (?:n'est |n'a ete |n'etait |de )?bless\w*",
    r"personne n'(?:est|etait) (?:blesse|dedans|a l'interieur)",
    r"(?:s'en est|s'en sont) sorti\w*",
    r"(?:est|sont) (?:maintenant |desormais )?en prison",
    r"il n'y a plus de danger",
    r"(?:est|sont) (?:hors de danger|tire d'affaire)",
    # SMS-style closures: "les pompiers ont eteint, tout va bien", "elle va bien maintenant"
    r"(?:pompiers |ils |on )?(?:ont|a) (?:tout )?eteint",
    r"tout va bien",
    r"rien ne s'est (?:passe|produit)",
    r"(?:il|elle|ils|elles) (?:va|vont) (?:bien|mieux)",
    # "des menaces de mort… ça s'est calmé depuis qu'on a payé"
    r"(?:ca|cela|tout) s'est (?:calme|arrange|tasse)",
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
    r"(?:il )?y a (?:\d+|une|deux|trois|cinq|dix|quinze|vingt|trente) ?(?:min|mn|minutes?)",
    r"depuis (?:\d+|une|deux|trois|cinq|dix|quinze|vingt|trente) ?(?:min|mn|minutes?)",
    r"tout a l'heure",
    r"ce soir",
    r"(?:vient|viennent|venons|viens|venez) (?:juste |tout juste )?de",
    r"(?:vient|viennent|venons|viens|venez) (?:juste |tout juste )?d'\w+",
    r"actuellement",
    r"au moment ou (?:j'ecris|je vous ecris|je parle|je tape)",
    # Antilles Creole: "kounye a" (now), "fè vit" (be quick)
    r"kounye a",
    r"fe vit",
    r"en cours",
    r"v(?:e)?nez(?: vite| vit)?",
    r"vite",
    # "ce n'est plus urgent", "rien d'urgent" deny the urgency they name
    r"(?<!pas )(?<!plus )(?<!rien d')(?<!pas d')urgent\w*",
    r"urgence",
    r"depechez[- ]vous",
    r"depechez",
    r"envoyez",
    r"(?:toujours|encore) (?:la|sur place)",
    r"immediatement",
    r"tout de suite",
    rf"au secours{_EXASPERATED}",
    r"a l'aide",
    r"aidez[- ](?:moi|nous)",
    r"sos",
    r"appelez (?:le samu|les pompiers|les secours|une ambulance)",
    r"envoyez (?:les|la|du|des|quelqu'un|une)",
)
# Cries for help: an emergency on their own unless the text places them in the past.
HELP: Final = words(
    rf"au secours{_EXASPERATED}",
    r"a l'aide",
    r"aidez[- ](?:moi|nous)",
    r"venez vite",
    r"envoyez (?:les pompiers|la police|du monde|quelqu'un|une ambulance|les secours)",
    r"appelez (?:le samu|les pompiers|les secours|une ambulance)",
)
# Present-tense hints: count only when nothing places the scene in the past or in a routine.
PRESENT: Final = words(
    r"en train de",
    # a weapon shown or carried at people right now
    r"agit(?:e|ent) (?:un|une|des|son|sa|leur|leurs)",
    r"brandi\w*",
    r"pointe\w* (?:un|une|son|sa|leur) ",
    r"sous le bras",
    r"fai\w* les cent pas",
    r"(?:il|elle|ils|elles) (?:est|sont) (?:la|dehors|devant|dans)",
    r"(?:est|sont) postee?s?",
    r"hurle\w*",
    r"crie(?:nt)?",
    # "les mecs sortent avec des battes": people coming out armed, now
    r"(?:sort|sortent|descend|descendent|debarqu\w*|arriv\w*) (?:\w+ )?avec"
    r" (?:des|une?|leurs?|ses)",
)
OVER: Final = words(
    # "retenu depuis hier soir" is still going on
    r"(?<!depuis )hier",
    r"avant[- ]hier",
    r"la semaine (?:derniere|passee)",
    r"le mois (?:dernier|passe)",
    r"l'autre (?:jour|soir|nuit)",
    r"il y a (?:\d+|deux|trois|quelques|plusieurs) (?:jours|semaines|mois|ans)",
    r"plus de danger",
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) (?:soir|matin|dernier)",
    r"a vu",
    r"m'a (?:raconte|dit)",
    r"(?:chaque|toutes les) (?:nuit|nuits|soir|soirs)",
    r"tous les (?:soirs|jours|nuits|week-ends?)",
    r"souvent",
    r"parfois",
    r"l'an(?:nee)? (?:dernier|derniere|passe|passee)",
    r"la nuit (?:derniere|passee)",
    r"(?:a|ont) failli",
    r"chaque (?:annee|an|semaine|jour|week-end|fois|\d+ \w+)",
    r"depuis (?:\d+|deux|trois|quatre|plusieurs|des|quelques) (?:soirs|jours|nuits|semaines|mois)",
    r"exclue?s?",
    r"sanction\w*",
    r"porter plainte",
    r"plainte",
    r"tribunal",
    r"le (?:week-end|weekend|we) (?:dernier|passe)",
    r"il y a (?:\d+|un|une|deux|trois|quelques|plusieurs) (?:jours?|semaines?|mois|ans?)",
    r"il y a longtemps",
    # the same, written as spoken or texted: "ya 2 semaines", "y avait", "tous les samedis soir"
    r"(?:il )?y ?a (?:\d+|un|une|deux|trois|quelques|plusieurs) (?:jours?|semaines?|mois|ans?)",
    r"(?:il )?y avait",
    r"(?:ca|cela) fait (?:\d+|une?|deux|trois|quelques|plusieurs|des) (?:jours?|semaines?|mois"
    r"|ans?|annees)",
    # a fear for some day, not a danger now: "un jour ils vont tuer quelqu'un"
    r"un jour (?:il|ils|elle|elles|on|ca|quelqu'un)",
    r"tous les (?:lundis|mardis|mercredis|jeudis|vendredis|samedis|dimanches|matins|midis"
    r"|week-?ends?|we)",
    r"(?:il y a|depuis) (?:des|plusieurs) (?:annees|mois)",
    # seasons and months gone, a fear that it starts again: not happening now
    r"(?:l'|cet |cette )?(?:ete|hiver|automne|printemps) (?:dernier|passe)",
    r"au printemps dernier",
    r"en (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre"
    r"|decembre)(?! prochain)",
    r"en (?:19|20)\d\d",
    r"(?:que |qu')(?:ca|cela) recommence",
    # done before ("ils ont déjà brûlé la voiture de quelqu'un"), or everywhere at once
    r"(?:ont|a|avaient|avait) deja",
    r"dans (?:toutes les cites|tous les quartiers|toute la ville|toutes les villes)",
    # violence told as what the area is like ("on voit des bagarres"), unless now is said
    r"(?:des|de nombreuses|plusieurs|beaucoup de|souvent des) (?:bagarres|rixes|agressions"
    r"|reglements de comptes?|fusillades)",
)


# Things left on the ground ("des seringues par terre", "bouteilles au sol"): litter, not a
# person lying there, unless a person is named as well.
_GROUND: Final = words(r"par terre", r"au sol")
_LITTER: Final = words(
    r"seringues?",
    r"bouteilles?",
    r"canettes?",
    r"dechets",
    r"megots?",
    r"papiers?",
    r"alu(?:minium)?",
    r"sachets?",
    r"verres?",
    r"preservatifs?",
    r"ordures",
    r"detritus",
    r"cuilleres?",
    r"emballages?",
    r"pochons?",
    r"capsules?",
    r"cartouches?",
    r"douilles?",
    r"tags?",
    r"poubelles?",
)
_PERSON: Final = words(
    r"(?:(?:il|elle) (?:est|s'est)|(?:ils|elles) (?:sont|se sont)|homme|femme|gars|mec|type"
    r"|jeunes?|personne|quelqu'un|enfant"
    r"|gamin|ado|fille|fils|frere|soeur|pote|ami|amie|victime|monsieur|dame|mamie|papi)"
)


# "ils crachent par terre", "jettent leurs mégots par terre": what is thrown, not who lies.
_THROWN: Final = re.compile(r"(?:crach|jett?|balanc|pisse?)\w*(?: \S+){0,2} $")


def _litter(text: str, span: tuple[int, int]) -> bool:
    before = text[max(0, span[0] - 40) : span[0]]
    if _THROWN.search(before):
        return True
    return _LITTER.search(before) is not None and _PERSON.search(before) is None


@dataclass(frozen=True, slots=True)
class Urgency:
    urgent: bool
    rule: str
    weapon_seen: bool


# Violence and events in one pass (most reports hold neither: one scan, then out).
DANGER: Final = either(ACUTE, EVENT)
_SENTENCE: Final = re.compile(r"[.!?\n;]+")


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds, last = [], 0
    for m in _SENTENCE.finditer(text):
        # "4.5" or "t.me" do not end a sentence.
        if m.group() == "." and m.end() < len(text) and text[m.end()] not in " \n":
            continue
        bounds.append((last, m.end()))
        last = m.end()
    bounds.append((last, len(text)))
    return bounds


def _in(spans: list[tuple[int, int]], bounds: tuple[int, int]) -> bool:
    return any(bounds[0] <= s < bounds[1] for s, _ in spans)


def detect(text: str) -> tuple[Urgency, list[tuple[int, int]]]:
    """Whether folded ``text`` describes an emergency, the rule, and the spans behind it.

    The danger is judged sentence by sentence: a sentence that places its violence in the past
    ("il y a deux semaines", "la nuit dernière") does not make the report urgent, another
    sentence of the same report that tells a danger now still does. A report that says the
    danger is over ("personne n'est blessé", "plus de danger") is urgent only if a sentence
    says that something is happening now.
    """
    acute, weapon, threats = _spans(DANGER, text), _spans(WEAPON, text), _spans(THREAT, text)
    if not acute and not weapon and not threats:
        return Urgency(False, "", False), []
    toys = _spans(TOY, text)
    sentences = _sentences(text)
    messaged: list[tuple[int, int]] = []  # sentences of threats posted or messaged
    if threats:
        remote = _spans(REMOTE, text)
        before, now_spans = _spans(THREATENED_BEFORE, text), _spans(NOW, text)
        for t in threats:
            sentence = _sentence_of(sentences, t)
            if _overlaps_any(before, t) and not _in(now_spans, sentence):
                continue  # "il m'a menacée de venir chez moi": a threat made, not a danger now
            (messaged if _in(remote, sentence) else acute).append(
                sentence if _in(remote, sentence) else t
            )

    def real(span: tuple[int, int]) -> bool:
        sentence = _sentence_of(sentences, span)
        if _GROUND.fullmatch(text, *span) and _litter(text, span):
            return False
        denied = NEGATED.search(text, max(sentence[0], span[0] - 30), span[0]) is not None
        # "je reçois sur Telegram des menaces, il dit qu'il va brûler ma voiture": the content
        # of a messaged threat is not a danger now
        threatened = sentence in messaged and not _in(_spans(NOW, text), sentence)
        return not denied and not threatened and not _in(toys, sentence)

    acute = [a for a in acute if real(a)]
    weapon = [w for w in weapon if real(w)]
    if not acute and not weapon:
        return Urgency(False, "", False), []
    now, present, over = _spans(NOW, text), _spans(PRESENT, text), _spans(OVER, text)
    # "URGENT", "au secours" head any message: they do not bring back a scene the sentence
    # dates ("URGENT au secours ça fait des mois que ça deale")
    cries = _spans(HELP, text)
    dated_now = [
        n for n in now if not text.startswith("urgent", n[0]) and not _overlaps_any(cries, n)
    ]
    resolved = _spans(RESOLVED, text)
    armed = bool(weapon)

    def live(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The spans whose sentence does not place them in the past or say they are over."""
        kept = []
        for span in spans:
            sentence = _sentence_of(sentences, span)
            if _in(resolved, sentence):
                continue
            if _in(over, sentence) and not _in(dated_now, sentence):
                continue
            if resolved and not _in(now, sentence):
                continue
            kept.append(span)
        return kept

    acute_now, weapon_now = live(acute), live(weapon)
    now_near = [n for n in now if any(_in([n], _sentence_of(sentences, a)) for a in acute_now)]
    if acute_now and now_near:
        return Urgency(True, "violence ou danger en cours", armed), acute_now[:3] + now_near[:2]
    armed_now = [
        w
        for w in weapon_now
        if _in(now, _sentence_of(sentences, w)) or _in(present, _sentence_of(sentences, w))
    ]
    if armed_now:
        return Urgency(True, "arme et danger immédiat", True), armed_now[:2]
    if acute_now:
        return Urgency(True, "violence ou danger sans indication passée", armed), acute_now[:3]
    help_cries = live(cries)
    if help_cries:
        return Urgency(True, "appel à l'aide", armed), help_cries[:2]
    if weapon:
        return Urgency(False, "arme mentionnée sans danger immédiat", True), weapon[:2]
    return Urgency(False, "violence passée ou terminée", False), acute[:3] + (over + resolved)[:2]


def _sentence_of(sentences: list[tuple[int, int]], span: tuple[int, int]) -> tuple[int, int]:
    for bounds in sentences:
        if bounds[0] <= span[0] < bounds[1]:
            return bounds
    return sentences[-1]


def _overlaps_any(spans: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)
