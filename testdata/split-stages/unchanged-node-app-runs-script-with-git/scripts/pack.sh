set -e
echo "zip: $(unzip -v | head -1 | cut -c1-20)"
