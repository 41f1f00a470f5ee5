// similarity/signature.cpp: shingling, one-permutation MinHash with densification, anchors, bytes.
//
// One rule: a signature is a pure function of the text and the format version; nothing here
// depends on the machine, the thread or the order documents were signed in, because signatures
// are stored and compared across runs.

#include "similarity/signature.hpp"

#include <algorithm>
#include <bit>
#include <limits>

#include "text/hashed_tokens.hpp"

namespace syndcheck::similarity {
namespace {

constexpr char k_magic[2] = {'S', 'G'};
// 2 added the lead sketch; version-1 signatures are rejected, and the pipeline signs such
// originals again from their stored text.
constexpr std::uint8_t k_version = 2;
constexpr std::size_t k_header_bytes = 8;
constexpr std::uint32_t k_empty_bin = std::numeric_limits<std::uint32_t>::max();
// A name skeleton keeps this many consonants: enough to tell names apart, few enough that case
// endings (Блінкен-а, Путін-ым) fall outside it. Chosen on the ntrex eval (bench/eval-similarity).
constexpr std::size_t k_skeleton_length = 4;
// Shorter skeletons ("Ms", "May") match too many unrelated words to be evidence.
constexpr std::size_t k_min_skeleton_length = 3;

std::uint64_t fmix64(std::uint64_t h) {
  h ^= h >> 33U;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33U;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 33U;
  return h;
}

std::uint32_t fnv1a32(std::string_view text) {
  std::uint32_t hash = 2166136261U;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619U;
  }
  return hash;
}

void put_u32(std::string& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) {
    out.push_back(static_cast<char>(value & 0xFFU));
    value >>= 8U;
  }
}

std::uint32_t get_u32(std::string_view in, std::size_t pos) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    value |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[pos + i])) << (8U * i);
  }
  return value;
}

// Fills empty bins from non-empty ones chosen by a hash of (bin, attempt), as in Shrivastava,
// "Optimal Densification for Fast and Accurate Minwise Hashing" (ICML 2017): two documents
// with the same non-empty bins fill their empty bins alike, so the estimate stays unbiased.
void densify(std::array<std::uint32_t, Signature::k_bins>& bins) {
  std::array<bool, Signature::k_bins> filled{};
  std::size_t count = 0;
  for (std::size_t i = 0; i < bins.size(); ++i) {
    filled[i] = bins[i] != k_empty_bin;
    count += filled[i] ? 1U : 0U;
  }
  if (count == 0 || count == bins.size()) {
    return;
  }
  for (std::size_t i = 0; i < bins.size(); ++i) {
    if (filled[i]) {
      continue;
    }
    for (std::uint64_t attempt = 1;; ++attempt) {
      const std::uint64_t pick = fmix64((static_cast<std::uint64_t>(i) << 32U) ^ attempt) % Signature::k_bins;
      if (filled[pick]) {
        bins[i] = bins[pick];
        break;
      }
    }
  }
}

void add_shingle(std::array<std::uint32_t, Signature::k_bins>& bins, std::uint64_t shingle) {
  const std::uint64_t h = fmix64(shingle);
  const std::size_t bin = static_cast<std::size_t>(h >> 57U); // top 7 bits: 128 bins
  const auto value = static_cast<std::uint32_t>(h);
  // k_empty_bin doubles as "nothing yet"; a shingle hashing to it exactly is indistinguishable
  // from none, once in 2^32 shingles per bin, which only biases the estimate by that much.
  bins[bin] = std::min(bins[bin], value);
}

// k-mins over the shingles of the first Signature::k_lead_tokens tokens: one seeded hash per lead
// bin. Independent hashes rather than one-permutation bins, because a lead has only ~60 shingles
// and 8 one-permutation bins would be densified copies of each other.
void sign_lead(const std::vector<text::HashedToken>& tokens, std::size_t n,
               std::array<std::uint32_t, Signature::k_lead_bins>& lead) {
  lead.fill(k_empty_bin);
  const std::size_t count = std::min(tokens.size(), Signature::k_lead_tokens);
  const std::size_t width = std::min(n, count);
  for (std::size_t i = 0; i + width <= count; ++i) {
    std::uint64_t shingle = 0;
    for (std::size_t k = 0; k < width; ++k) {
      shingle = std::rotl(shingle, 23) ^ tokens[i + k].hash;
    }
    for (std::size_t b = 0; b < Signature::k_lead_bins; ++b) {
      const auto value = static_cast<std::uint32_t>(fmix64(shingle ^ (0x9E3779B97F4A7C15ULL * (b + 1))));
      lead[b] = std::min(lead[b], value);
    }
  }
}

// Name anchors from capitalised words, number anchors from numbers of 2+ digits.
void collect_anchors(std::string_view text, const std::vector<text::HashedToken>& tokens,
                     std::vector<std::uint32_t>& out) {
  out.clear();
  for (const auto& token : tokens) {
    if (token.kind == text::TokenKind::number) {
      if (token.end - token.begin >= 2) {
        out.push_back(static_cast<std::uint32_t>(token.hash >> 32U) ^ 0x4E554D00U); // "NUM\0": own space
      }
    } else if (token.kind == text::TokenKind::word && token.capitalised) {
      const std::string skeleton = name_skeleton(text.substr(token.begin, token.end - token.begin));
      if (!skeleton.empty()) {
        out.push_back(fnv1a32(skeleton));
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

struct ThreadBuffers {
  std::vector<text::HashedToken> tokens;
  std::vector<std::uint32_t> anchors;
};

ThreadBuffers& buffers() {
  thread_local ThreadBuffers instance;
  return instance;
}

} // namespace

std::string describe(const SimilarityError& error) {
  switch (error.failure) {
  case SimilarityFailure::truncated: return "truncated signature: " + error.detail;
  case SimilarityFailure::bad_magic: return "not a signature: " + error.detail;
  case SimilarityFailure::unsupported_version: return "unsupported signature version: " + error.detail;
  case SimilarityFailure::corrupt: return "corrupt signature: " + error.detail;
  }
  return error.detail;
}

std::string name_skeleton(std::string_view word_utf8) {
  const std::string latin = text::latin_letters(word_utf8);
  // Spelling pairs that transliteration schemes disagree on collapse to one letter first
  // (placeholders in upper case so later rules do not touch them): щ/shch, ж/dzh/zh, ч/ch/cz,
  // ш/sh/sz, ц/ts/tz, х/kh.
  std::string mapped;
  mapped.reserve(latin.size());
  for (std::size_t i = 0; i < latin.size();) {
    const std::string_view rest = std::string_view(latin).substr(i);
    const auto take = [&](std::string_view prefix, char replacement) {
      if (rest.starts_with(prefix)) {
        mapped.push_back(replacement);
        i += prefix.size();
        return true;
      }
      return false;
    };
    if (take("shch", 'S') || take("sch", 'S') || take("dzh", 'J') || take("zh", 'J') || take("sh", 'S') ||
        take("sz", 'S') || take("ch", 'C') || take("cz", 'C') || take("ts", 'Z') || take("tz", 'Z') ||
        take("kh", 'h') || take("ck", 'K') || take("ph", 'F') || take("th", 'T') || take("ks", 'X') || take("x", 'X')) {
      continue;
    }
    const char c = latin[i];
    const char next = i + 1 < latin.size() ? latin[i + 1] : '\0';
    switch (c) {
    case 'w': mapped.push_back('V'); break;
    case 'v': mapped.push_back('V'); break;
    case 'q': mapped.push_back('K'); break;
    case 'k': mapped.push_back('K'); break;
    case 'j': mapped.push_back('J'); break;
    case 'c': mapped.push_back((next == 'e' || next == 'i' || next == 'y') ? 's' : 'K'); break;
    default: mapped.push_back(c); break;
    }
    ++i;
  }
  std::string skeleton;
  for (std::size_t i = 0; i < mapped.size() && skeleton.size() < k_skeleton_length; ++i) {
    char c = mapped[i];
    if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || (c >= '0' && c <= '9')) {
      continue;
    }
    if (c == 'h') {
      if (i != 0) {
        continue; // silent or a mere aspiration inside a word
      }
      c = 'g'; // Ukrainian г, Russian г and English initial h (Hague, Гаага) meet here
    }
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (!skeleton.empty() && skeleton.back() == lower) {
      continue; // doubled consonants: Russell, Руссел
    }
    skeleton.push_back(lower);
  }
  if (skeleton.size() < k_min_skeleton_length) {
    return {};
  }
  return skeleton;
}

Signature sign_text(std::string_view body, const SignatureOptions& options) {
  ThreadBuffers& buffer = buffers();
  text::hashed_tokens(body, options.max_tokens, buffer.tokens);
  const auto& tokens = buffer.tokens;

  Signature signature;
  signature.tokens = static_cast<std::uint32_t>(std::min<std::size_t>(tokens.size(), k_empty_bin));
  signature.bins.fill(k_empty_bin);
  if (tokens.empty()) {
    signature.bins.fill(0);
    return signature;
  }
  const std::size_t n = std::max<std::size_t>(options.shingle_tokens, 1);
  if (tokens.size() < n) {
    std::uint64_t shingle = 0;
    for (const auto& token : tokens) {
      shingle = std::rotl(shingle, 23) ^ token.hash;
    }
    add_shingle(signature.bins, shingle);
  } else {
    for (std::size_t i = 0; i + n <= tokens.size(); ++i) {
      std::uint64_t shingle = 0;
      for (std::size_t k = 0; k < n; ++k) {
        shingle = std::rotl(shingle, 23) ^ tokens[i + k].hash;
      }
      add_shingle(signature.bins, shingle);
    }
  }
  densify(signature.bins);
  sign_lead(tokens, n, signature.lead);

  collect_anchors(body, tokens, buffer.anchors);
  const std::size_t kept = std::min(buffer.anchors.size(), Signature::k_max_anchors);
  signature.anchors.assign(buffer.anchors.begin(), buffer.anchors.begin() + static_cast<std::ptrdiff_t>(kept));
  return signature;
}

std::vector<std::uint32_t> anchor_hashes(std::string_view text, std::size_t max_tokens) {
  std::vector<text::HashedToken> tokens;
  text::hashed_tokens(text, max_tokens, tokens);
  std::vector<std::uint32_t> out;
  collect_anchors(text, tokens, out);
  return out;
}

double estimate_jaccard(const Signature& a, const Signature& b) {
  if (a.empty() || b.empty()) {
    return 0.0;
  }
  std::size_t equal = 0;
  for (std::size_t i = 0; i < Signature::k_bins; ++i) {
    equal += a.bins[i] == b.bins[i] ? 1U : 0U;
  }
  return static_cast<double>(equal) / static_cast<double>(Signature::k_bins);
}

std::string Signature::to_bytes() const {
  std::string out;
  out.reserve(k_header_bytes + 4 * (k_bins + k_lead_bins + anchors.size()));
  out.append(k_magic, 2);
  out.push_back(static_cast<char>(k_version));
  const std::size_t anchor_count = std::min(anchors.size(), k_max_anchors);
  out.push_back(static_cast<char>(anchor_count));
  put_u32(out, tokens);
  for (const std::uint32_t bin : bins) {
    put_u32(out, bin);
  }
  for (const std::uint32_t bin : lead) {
    put_u32(out, bin);
  }
  for (std::size_t i = 0; i < anchor_count; ++i) {
    put_u32(out, anchors[i]);
  }
  return out;
}

std::expected<Signature, SimilarityError> Signature::from_bytes(std::string_view bytes) {
  if (bytes.size() < k_header_bytes) {
    return std::unexpected(SimilarityError{SimilarityFailure::truncated, std::to_string(bytes.size()) + " bytes"});
  }
  if (bytes[0] != k_magic[0] || bytes[1] != k_magic[1]) {
    return std::unexpected(SimilarityError{SimilarityFailure::bad_magic, "first bytes are not \"SG\""});
  }
  const auto version = static_cast<std::uint8_t>(bytes[2]);
  if (version != k_version) {
    return std::unexpected(
        SimilarityError{SimilarityFailure::unsupported_version,
                        std::to_string(version) + ", this build reads " + std::to_string(k_version)});
  }
  const auto anchor_count = static_cast<std::size_t>(static_cast<unsigned char>(bytes[3]));
  const std::size_t expected = k_header_bytes + 4 * (k_bins + k_lead_bins + anchor_count);
  if (anchor_count > k_max_anchors || bytes.size() != expected) {
    return std::unexpected(SimilarityError{
        SimilarityFailure::corrupt, std::to_string(bytes.size()) + " bytes, expected " + std::to_string(expected) +
                                        " for " + std::to_string(anchor_count) + " anchors"});
  }
  Signature signature;
  signature.tokens = get_u32(bytes, 4);
  for (std::size_t i = 0; i < k_bins; ++i) {
    signature.bins[i] = get_u32(bytes, k_header_bytes + 4 * i);
  }
  for (std::size_t i = 0; i < k_lead_bins; ++i) {
    signature.lead[i] = get_u32(bytes, k_header_bytes + 4 * (k_bins + i));
  }
  signature.anchors.reserve(anchor_count);
  for (std::size_t i = 0; i < anchor_count; ++i) {
    signature.anchors.push_back(get_u32(bytes, k_header_bytes + 4 * (k_bins + k_lead_bins + i)));
  }
  if (!std::is_sorted(signature.anchors.begin(), signature.anchors.end())) {
    return std::unexpected(SimilarityError{SimilarityFailure::corrupt, "anchors out of order"});
  }
  return signature;
}

} // namespace syndcheck::similarity
