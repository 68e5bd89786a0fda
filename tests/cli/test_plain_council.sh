#!/bin/sh
# gavel run MEETING --plain minutes the contested planning meeting of
# tests/fixtures/publish/planning (issue 12's procedure, issue 14's
# screen-reader mode), driven through a pipe as a blind clerk would type
# it: apologies and a substitute, officers in attendance, a late arrival
# and a departure, two declarations, matters arising (an earlier
# meeting's actions done, in progress and dropped), urgent business, a
# motion with an amendment lost on a named vote and the motion carried,
# a deferred item, exempt business.  The committed minutes are compared
# with the fixture's minutes.yaml, key by key with python3's yaml, as
# the screen's council tests compare theirs; only what the clock stamps
# (compared as times) and one limit of a line dialogue (below) differ.
. "$(dirname "$0")/lib.sh"

FIX="$ROOT/tests/fixtures/publish/planning"
R="$TMP/minutes"
ID=planning-committee/2018-06-12
ESC=$(printf '\033')
"$GAVEL" init "$R" >/dev/null
mkdir -p "$R/planning-committee"
cp "$FIX/committee.yaml" "$R/planning-committee/"
cp -r "$FIX/2018-05-15" "$R/planning-committee/"
git -C "$R" add -A && git -C "$R" commit -qm "the committee and its May meeting"
"$GAVEL" -C "$R" new planning-committee 2018-06-12 --agenda "$FIX/2018-06-12/agenda.yaml" \
	>/dev/null

# Each line of the here-document is one line the clerk types; the empty
# ones matter (a part left, or where am I).  Wrong answers on the way
# are refused and asked again, and leave nothing behind.
cat >"$TMP/in" <<'EOF'
apologies Cllr Jo Reid
absent Jabbar

substitute Cllr Dombey for Reid
add Rebecca Cox, Head of Planning
add Mark Ellis, Legal Adviser
help
begin
next
next
decision Apologies were received from Cllr Jo Reid; Cllr Dombey attended as her substitute.
next
decision The declarations listed above were made.
next
present Jabbar
decision RESOLVED: that the minutes of the meeting held on 15 May 2018 be agreed as a correct record.
declare
Jabbar
8
9
Owns land adjoining the site
dpi
pecuniary
yes
declare Shah; 6; Lives in Station Road; non-registrable; no
next
arising
arising 2 done Circulated on 1 June.
arising 3 progress
arising 1 dropped Figures are now in the annual report.
next
summary Rebecca Cox presented the report. The application was recommended for approval. Members were satisfied with the conditions on opening hours.
decision RESOLVED: that planning permission be granted, subject to the conditions in the report.
votes 5 0 0
urgent Emergency works to the bandstand
next
summary The Chair agreed to take this item as urgent business because the works could not wait for the next meeting.
decision Members noted the works.
next
summary Rebecca Cox presented the report, recommending approval.
Sam Patel: The site access onto Station Road was unsafe at school times.
Cllr Dombey: A site visit would help members judge the access.
motion
A motion withdrawn before it was seconded.
cancel
motion
That planning permission be refused because of the unsafe access.
Reed
Patel
Morgan

amendment That the decision be deferred for a site visit.; Dombey; Jabbar
named
Dombey, Jabbar
Morgan, Patel, Shah
none
maybe
lost
result
9 1 0

result motion 1
4 1 0
carried
decision RESOLVED: that planning permission be refused because the access onto Station Road is unsafe.
action Issue the decision notice.; Rebecca Cox; 2018-06-19
next
defer Awaiting the arboricultural report.
next
summary The valuer put the site at Plumquartz pounds.
Alex Morgan: Plumquartz is below the market value.
decision RESOLVED: that the Plumquartz offer be refused.
action Tell the bidder of the Plumquartz decision.; Mark Ellis
leave Jabbar
end
EOF
"$GAVEL" -C "$R" run $ID --plain <"$TMP/in" >"$TMP/out" 2>"$TMP/err"
rc=$?
expect "the piped meeting ends at EOF with exit 0" '[ $rc -eq 0 ] && [ ! -s "$TMP/err" ]'
expect "the output holds no ESC byte" '! grep -q "$ESC" "$TMP/out"'
expect "the minutes are committed" '[ -z "$(git -C "$R" status --porcelain)" ]'

# The committed minutes against the fixture.  Times the clock stamps
# (the meeting's start and end, arrivals, departures, each item's start
# and end) are checked as HH:MM where the fixture has one and left out of
# the comparison (the fixture times items 6 and 9 only; a live meeting
# stamps every item it enters); item 5's summary is two paragraphs in the fixture and
# one line here (a line dialogue types no paragraph break), compared with
# the break as a space.  Everything else must be equal.
git -C "$R" show HEAD:$ID/minutes.yaml >"$TMP/got.yaml"
python3 - "$TMP/got.yaml" "$FIX/2018-06-12/minutes.yaml" <<'PY' >"$TMP/cmp" 2>&1
import re, sys, yaml
got = yaml.safe_load(open(sys.argv[1]))
want = yaml.safe_load(open(sys.argv[2]))
bad = []
hhmm = re.compile(r"^[0-2][0-9]:[0-5][0-9]$")
def clock(g, w, keys, where):
    for k in keys:
        if k in w and not hhmm.match(str(g.get(k, ""))):
            bad.append("%s.%s: got %r, wanted a time" % (where, k, g.get(k)))
        g.pop(k, None)
        w.pop(k, None)
clock(got, want, ("start", "end"), "meeting")
for lst in ("present", "apologies", "in_attendance", "absent"):
    for g, w in zip(got.get("attendance", {}).get(lst, []), want.get("attendance", {}).get(lst, [])):
        clock(g, w, ("arrived", "left"), g.get("name"))
for g, w in zip(got.get("items", []), want.get("items", [])):
    clock(g, w, ("started", "ended"), "item " + str(g.get("number")))
for i in want["items"]:
    if i["number"] == "5":
        i["summary"] = i["summary"].replace("\n\n", " ")
def walk(g, w, path):
    if isinstance(w, dict) and isinstance(g, dict):
        for k in sorted(set(g) | set(w)):
            if k not in g:
                bad.append("%s.%s: missing (wanted %r)" % (path, k, w[k]))
            elif k not in w:
                bad.append("%s.%s: %r, not in the fixture" % (path, k, g[k]))
            else:
                walk(g[k], w[k], "%s.%s" % (path, k))
    elif isinstance(w, list) and isinstance(g, list) and len(g) == len(w):
        for n, (a, b) in enumerate(zip(g, w)):
            walk(a, b, "%s[%d]" % (path, n))
    elif g != w:
        bad.append("%s: got %r, wanted %r" % (path, g, w))
walk(got, want, "")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
cmp_rc=$?
expect "the committed minutes are the fixture's, key by key" \
	'[ $cmp_rc -eq 0 ] || { sed "s/^/#   /" "$TMP/cmp"; false; }'

# What the clerk heard on the way.
expect "help lists the procedure's commands" \
	'out_has "motion [TEXT; MOVER; SECONDER]" && out_has "amendment [TEXT" && out_has "result [motion N" && out_has "declare [MEMBER; ITEM; INTEREST; KIND; LEFT]" && out_has "leave NAME" && out_has "substitute NAME for MEMBER" && out_has "named [motion N | amendment N | decision]" && out_has "arising  the actions"'
expect "the attendance prompt says who is listed as absent" \
	'out_has "Attendance: 3 present, 1 apologies, 0 in attendance, 1 listed as absent. Type a command"'
expect "an empty line is answered with where the clerk is, not the commands again" \
	'grep -qx "Attendance: 3 present, 1 apologies, 0 in attendance, 1 listed as absent\." "$TMP/out"'
expect "each step's prompt says where the clerk is and what is expected" \
	'out_has "Item 6, Motion 1. Moved by? A member present, by name or number (an empty line: none). Type it, or cancel" && out_has "Declaration 1. Did the member leave the room? yes or no (an empty line: no). Type it, or cancel"'
expect "named after a one-line amendment votes on the amendment, not the decision" \
	'out_has "Item 6, Amendment 1 to motion 1. Named vote: who voted for?" && ! out_has "The decision'"'"'s named vote"'
expect "those present are numbered for a name step" \
	'out_has "Members present: 1. Cllr Alex Morgan; 2. Cllr Tariq Jabbar; 3. Cllr Sam Patel; 4. Cllr Priya Shah; 5. Cllr Dombey."'
expect "bad input says what was expected and the step is asked again" \
	'out_has "'"'"'Reed'"'"' names nobody present: expected a member present" && out_has "There is no item 8 on the agenda" && out_has "'"'"'dpi'"'"' is no kind of interest" && out_has "'"'"'maybe'"'"' is no outcome: expected carried, lost or withdrawn"'
expect "cancel removes the motion being made" 'out_has "Motion 1 cancelled: nothing of it is kept."'
expect "more votes than members present is a warning, not a refusal" \
	'out_has "10 votes cast but only 5 members present."'
expect "the arrival and the departure are sentences, stamped with the time and the item" \
	'grep -Eq "Cllr Tariq Jabbar arrived at [0-9]{2}:[0-9]{2}, during item 3\.$" "$TMP/out" && grep -Eq "Cllr Tariq Jabbar left at [0-9]{2}:[0-9]{2}, during item 9\." "$TMP/out"'
expect "arising lists the May meeting's open actions, numbered" \
	'out_has "1. Action 2018-05-15/1 (item 2): Report enforcement figures quarterly. Owner: Rebecca Cox." && out_has "3. Action 2018-05-15/3 (item 3): Complete the Plumquartz purchase."'
expect "motions reads back what is recorded" \
	'printf "item 6\nmotions\n" | "$GAVEL" -C "$R" run $ID --plain --read-only >"$TMP/out" 2>&1 && out_has "Motion 1, amendment 1, named vote: for: Cllr Dombey, Cllr Tariq Jabbar; against:"'

# As published: the fixture's reviewed text, revision and date aside.
"$GAVEL" -C "$R" show $ID >"$TMP/show" 2>"$TMP/err"
tr '\n' ' ' <"$TMP/show" | tr -s ' ' >"$TMP/out"
expect "show: the amendment's set phrase" \
	'out_has "The amendment, moved by Cllr Dombey and seconded by Cllr Jabbar, was put to the vote and LOST (2 for, 3 against). A recorded vote was taken. For: Cllr Dombey, Cllr Tariq Jabbar Against: Cllr Alex Morgan, Cllr Sam Patel, Cllr Priya Shah"'
expect "show: the substantive motion's" \
	'out_has "The substantive motion, moved by Cllr Patel and seconded by Cllr Morgan, was put to the vote and CARRIED (4 for, 1 against)."'
expect "show: the action updates of matters arising" \
	'out_has "Action 2018-05-15/2 (Circulate the enforcement protocol to members): done — Circulated on 1 June. Action 2018-05-15/3: in progress. Action 2018-05-15/1 (Report enforcement figures quarterly): dropped — Figures are now in the annual report."'

# --- a step asked again keeps what came before; read-only is refused ---
printf 'item 6\namendment\nAn amendment typed.\n99\ncancel\nmotions\n' |
	"$GAVEL" -C "$R" run $ID --plain >"$TMP/out" 2>"$TMP/err"
expect "a number past those present is refused and asked again" \
	'out_has "There is no number 99: those present are numbered 1 to" && out_has "Amendment 2 to motion 1 cancelled" && ! out_has "Motion 1, Amendment 2"'
# A member who declared and left the room, named in a vote, is a warning.
printf 'item 9\nnamed\nJabbar\ncancel\n' |
	"$GAVEL" -C "$R" run $ID --plain >"$TMP/out" 2>"$TMP/err"
expect "named with no motion is the decision's vote; a member who left the room named in it is a warning" \
	'out_has "The decision'"'"'s named vote" && out_has "Cllr Tariq Jabbar declared a pecuniary interest in item 9 and left the room, but is named in the vote."'
# A question asked after a wrong part never swallows quit, end or save.
printf 'item 9\nmotion Words kept; Nobody At All\nsave\nq\n' |
	"$GAVEL" -C "$R" run $ID --plain >"$TMP/out" 2>"$TMP/err"
expect "save during a question stops it, keeping what was given, and saves" \
	'out_has "Stopped: Motion" && out_has "keeps what was given" && grep -q "Words kept" "$R/$ID/minutes.yaml" && [ -z "$(git -C "$R" status --porcelain)" ]'
"$GAVEL" -C "$R" confirm $ID --by "Cllr Alex Morgan" --date 2018-07-10 >/dev/null 2>&1
head=$(git -C "$R" rev-parse HEAD)
printf 'item 6\nmotion A late motion; Patel; Morgan\ndeclare Patel; 6; Owns a shop\nleave Patel\nsubstitute Cllr Ann Lee for Reid\nitem 4\narising 1 done\n' |
	"$GAVEL" -C "$R" run $ID --plain >"$TMP/out" 2>"$TMP/err"
expect "confirmed minutes: the procedure's commands are refused" \
	'out_has "Read-only" && [ "$(git -C "$R" rev-parse HEAD)" = "$head" ] && ! grep -q "A late motion\|Owns a shop" "$R/$ID/minutes.yaml"'

finish
