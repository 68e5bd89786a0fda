#!/bin/sh
# make demo: a demo minutes repository with one meeting of the
# Communities Board, shown as published minutes.  The repository is made
# afresh each time in ${TMPDIR:-/tmp}/gavel-demo; nothing else is touched.
set -e
cd "$(dirname "$0")/../.."
demo="${TMPDIR:-/tmp}/gavel-demo"
rm -rf "$demo"
export GAVEL_REPO="$demo"
./gavel init "$demo" >/dev/null
# The committee's file carries its members and decision phrases; gavel
# reads it from the repository, so it is committed there first.
mkdir -p "$demo/communities-board"
cp docs/demo/committee.yaml "$demo/communities-board/committee.yaml"
git -C "$demo" add communities-board/committee.yaml
git -C "$demo" -c user.name=gavel -c user.email=gavel@localhost commit -qm "Communities Board: committee file"
id=$(./gavel new "Communities Board" 2018-03-14 --agenda docs/demo/agenda.yaml)
echo "Demo repository: $demo (meeting $id)"
echo
./gavel show "$id"
echo
./gavel list
./gavel log "$id"
