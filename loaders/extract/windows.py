"""Character windows: how far extraction looks around a word, named in one place.

Every pattern looks only a bounded distance from the word it starts at, which keeps
extraction linear in the text and its decisions local. The windows are counted in
characters of the original text; a newcomer tuning a pattern for a language with long words
(German compounds) or short ones (Chinese) finds them all here.
"""

from __future__ import annotations

# --- speaker phrases (attribution)
JOINT_AND_REACH = 12
""""X and Y agreed": how far before the second subject the coordinating word may start."""
JOINT_FIRST_REACH = 80
"""How far before that word the first of two coordinated subjects may start."""
NAME_BEFORE_REACH = 30
"""A capitalised word this close before a speaker continues its name ("Kim Yo Jong")."""
MEMBER_LINK_REACH = 16
"""'X of the Palestinian Authority': how far before the organisation the link word ("of the") may start."""
NAME_BEFORE_LINK_REACH = 60
"""How far before that link the person's name may start."""
PLACE_SUFFIX_REACH = 20
"""Where a place's suffix ("-based", "-born") is looked for after it."""
PREPOSITION_REACH = 24
"""Where the preposition before a place ("embassy in Jakarta") is looked for."""
ENVOY_REACH = 50
"""Where an envoy noun is looked for before "to" ("ambassador to the UN")."""
HEAD_NOUN_REACH = 40
"""Where the noun a place qualifies is looked for before its preposition."""
PREVIOUS_WORD_REACH = 40
"""Where the word before a capitalised cue is looked for (is the cue part of a name?)."""
SENTENCE_SUBJECT_REACH = 60
"""A participle clause's subject ("…, adding that") must start this close to the sentence start."""
FILLER_REACH = 60
"""Longest filler phrase stripped from the end of a speaker phrase ("in a statement on Monday")."""
SPEAKER_AFTER_CUE = 150
"""'"…," said X': how far after the verb the speaker phrase may reach."""
TITLE_REACH = 40
"""'kata Bintang, Kepala Dinas …': how far after the comma the apposition's title is looked for."""
PORTFOLIO_REACH = 40
"""'le ministre tchadien de la Défense': how far after the demonym the portfolio may reach."""
MAX_TITLE_CHAIN_WORDS = 14
"""Words a capitalised title chain and name may take after a post-positioned cue (counted in words)."""
FRAME_SPEAKER_REACH = 120
"""'According to X, …': how far after the frame X may start."""
COMPLEMENTIZER_REACH = 160
"""'X said on Monday in Ankara that …': how far after the verb "that" may come."""
OBJECT_CUE_REACH = 40
"""Verb-subject-object ("أكدت الوزارة رفضها …"): the window after the subject searched for a relation cue."""
HEADLINE_SPEAKER_REACH = 80
"""'Aliyev: …': the speaker of a headline pattern starts within this many characters."""
ACT_LEAD_REACH = 30
"""Text before an act verb searched for a negation, a passive auxiliary or a future marker."""

# --- names (mentions)
MENTION_REACH = 200
"""Longest gazetteer mention: how far back a mention covering a position may start."""
TITLE_QUALIFIER_REACH = 30
"""Where a lower-case qualifier between an affiliation and a title is looked for."""
NAME_AFTER_RANK_REACH = 40
"""How far a name may run past a rank inside a long title chain."""
APPOSITION_TITLE_REACH = 200
"""'John Smith, a spokesman for the ministry': how far the appositive title may reach."""
DETERMINER_REACH = 12
"""Where a determiner is looked for before an appositive title."""
NAME_BEFORE_APPOSITION = 120
"""'Budi Hartono, juru bicara Kemlu,': how far before the comma the known name may start."""
UNKNOWN_NAME_BEFORE_APPOSITION = 80
"""The same for a name the gazetteer does not know."""

# --- the article (pipeline, speakers, provenance)
RECENT_PERSON_REACH = 1500
"""A pronoun with nobody speaking yet takes the person named within this many characters."""
SENTENCE_OPENER = 40
"""A short opener before a sentence's subject ("Sementara itu, ", "On Monday, ")."""
APPOSED_NAME_REACH = 100
"""A role phrase opening a sentence before the name set off by commas ("Pengamat … dari Universitas Indonesia, X, …")."""
PRIVATE_ROLE_BEFORE = 40
"""Where a private role ("coach", "shop owner") is looked for before a speaker …"""
PRIVATE_ROLE_AFTER = 60
"""… and after it."""
RECENT_PEOPLE = 20
"""How many of the latest person speakers a title-only reference is matched against."""
FRAME_DATE_REACH = 80
"""A date this close to the speech verb dates the speech act ("said on Monday that")."""
MEDIA_AFTER_FRAME = 40
"""An outlet named within this after "told", "according to a report by" is the via."""
DATELINE_REACH = 1500
"""A wire dateline sits within the first characters of the article."""
MENTION_BLOCK = 8000
"""Gazetteer mentions are searched block by block of about this many characters."""

# --- relations and targets
SLOT_REACH = 80
"""'no solution without {self}': how far before the actor the phrase's left part may start."""
LOCATIVE_REACH = 25
"""Where a locative or audience word is looked for before a target ("in", "before")."""
FRAME_REACH = 40
"""Where a framing phrase ("under the auspices of", "aturan") is looked for before an actor."""
PAIR_REACH = 600
"""How far back the two actors a pair reference ("both countries", "kedua negara") stands for are looked for."""
