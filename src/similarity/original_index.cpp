// similarity/original_index.cpp: LSH band table and anchor inverted index over slots.
//
// One rule: a removed original's slot is never reused before every table entry that points to it
// has been purged (compaction), so a stale entry can never make another original a candidate.
// Tables are flat open-addressing arrays of (key, slot) pairs, 8 bytes each, because per-node
// containers would cost more RAM than the 1 KB per original the index is allowed.

#include "similarity/original_index.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <unordered_map>
#include <utility>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace syndcheck::similarity {
namespace {

constexpr std::uint32_t k_free_slot = std::numeric_limits<std::uint32_t>::max();
// Linear probing stays short below this load; above it clusters grow fast. 0.85 with 1.5x growth
// keeps the average load near 0.7 (about 11 bytes per entry). Measured with bench/similarity_speed.
constexpr std::size_t k_max_load_percent = 85;
// The index keeps the low byte of each bin (b-bit MinHash, Li and König 2010): 128 bytes per
// original instead of 512, and two unequal bins agree by chance with p = 1/256, corrected below.
constexpr double k_chance_agreement = 1.0 / 256.0;
// Compaction runs once this many removed originals wait and they outnumber a quarter of the
// live ones: amortised O(1) per removal, and at most 25% of the tables are dead entries.
constexpr std::size_t k_min_dead_for_compaction = 1'024;

std::uint64_t fmix64(std::uint64_t h) {
  h ^= h >> 33U;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33U;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 33U;
  return h;
}

// Allocates large arrays on 2 MiB boundaries and asks Linux for transparent huge pages before
// they are first touched. At 1M originals the tables span ~500 MB: with 4 KiB pages every
// probe also misses the TLB, and the page walks (two at a time) serialised the ~150 cache
// misses of a query; huge pages took query p50 from ~17 to ~8 us (bench/similarity_speed).
// Small arrays, and other systems, get plain operator new.
template <typename T> struct HugePageAllocator {
  using value_type = T;
  static constexpr std::size_t k_huge_page = 2U << 20U;
  static constexpr std::size_t k_min_bytes = 8U << 20U; // below this, huge pages save little

  HugePageAllocator() = default;
  template <typename U> explicit HugePageAllocator(const HugePageAllocator<U>& /*other*/) {}

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < k_min_bytes) {
      return static_cast<T*>(::operator new(bytes));
    }
    const std::size_t rounded = (bytes + k_huge_page - 1) / k_huge_page * k_huge_page;
    void* memory = std::aligned_alloc(k_huge_page, rounded);
    if (memory == nullptr) {
      throw std::bad_alloc();
    }
#if defined(__linux__)
    ::madvise(memory, rounded, MADV_HUGEPAGE); // a hint: failure only costs speed
#endif
    return static_cast<T*>(memory);
  }

  void deallocate(T* memory, std::size_t n) {
    if (n * sizeof(T) < k_min_bytes) {
      ::operator delete(memory);
    } else {
      std::free(memory);
    }
  }

  template <typename U> bool operator==(const HugePageAllocator<U>& /*other*/) const {
    return true;
  }
};

template <typename T> using BigVector = std::vector<T, HugePageAllocator<T>>;

struct Entry {
  std::uint32_t key = 0;
  std::uint32_t slot = k_free_slot;
};

// A multimap from 32-bit keys to slots; equal keys sit in one probe cluster.
class MultiTable {
public:
  void reserve(std::size_t entries) {
    const std::size_t wanted = entries * 100 / k_max_load_percent + 16;
    if (wanted > m_entries.size()) {
      rehash(wanted);
    }
  }

  // False when `key` already has `max_same` entries: the key is too common to be indexed.
  bool insert(std::uint32_t key, std::uint32_t slot, std::size_t max_same) {
    if ((m_size + 1) * 100 > m_entries.size() * k_max_load_percent) {
      rehash(std::max<std::size_t>(16, m_entries.size() + m_entries.size() / 2));
    }
    std::size_t same = 0;
    const std::size_t start = home(key);
    for (std::size_t i = start, distance = 0; m_entries[i].slot != k_free_slot && distance <= displacement(i);
         i = next(i), ++distance) {
      if (m_entries[i].key == key && ++same >= max_same) {
        return false;
      }
    }
    place(Entry{key, slot});
    return true;
  }

  // Appends the slots stored under `key` to `out`; false (and nothing appended) when the key holds
  // `max_same` entries or more: a key that reached the cap is common, whatever was dropped.
  bool find(std::uint32_t key, std::size_t max_same, std::vector<std::uint32_t>& out) const {
    if (m_entries.empty()) {
      return true;
    }
    const std::size_t mark = out.size();
    // Robin Hood order: the probe can stop at the first entry closer to its home than this key
    // would be to its own, since the key would have displaced it.
    for (std::size_t i = home(key), distance = 0; m_entries[i].slot != k_free_slot && distance <= displacement(i);
         i = next(i), ++distance) {
      if (m_entries[i].key == key) {
        if (out.size() - mark + 1 >= max_same) {
          out.resize(mark);
          return false;
        }
        out.push_back(m_entries[i].slot);
      }
    }
    return true;
  }

  // Drops entries of slots for which `dead(slot)` is true.
  template <typename Dead> void purge(const Dead& dead) {
    BigVector<Entry> old = std::move(m_entries);
    m_entries.assign(old.size(), Entry{});
    m_size = 0;
    for (const Entry& entry : old) {
      if (entry.slot != k_free_slot && !dead(entry.slot)) {
        place(entry);
      }
    }
  }

  // Starts loading the cache line where `key`'s probe begins. At 1M originals the tables are
  // hundreds of MB, so every find() is a cache miss; issuing all of a query's loads first lets
  // the memory system serve them in parallel instead of one after another.
  void prefetch(std::uint32_t key) const {
    if (!m_entries.empty()) {
      __builtin_prefetch(m_entries.data() + home(key));
    }
  }

  std::size_t memory_bytes() const { return m_entries.capacity() * sizeof(Entry); }

private:
  std::size_t home(std::uint32_t key) const {
    const auto mixed = static_cast<std::uint32_t>(fmix64(key));
    return static_cast<std::size_t>((static_cast<std::uint64_t>(mixed) * m_entries.size()) >> 32U);
  }
  std::size_t next(std::size_t i) const { return i + 1 == m_entries.size() ? 0 : i + 1; }

  // How far entry i sits from its home position.
  std::size_t displacement(std::size_t i) const {
    const std::size_t h = home(m_entries[i].key);
    return i >= h ? i - h : i + m_entries.size() - h;
  }

  // Robin Hood insertion: an entry further from its home takes the place of one nearer to its
  // own, so along a probe run homes never decrease. Equal keys then sit together, and a search
  // for an absent key stops after a few entries even at 85% load (plain linear probing read ~23
  // there, which made a query at 1M originals cost 16-25 us). Entries are never erased one by
  // one (purge() rebuilds), so no tombstones are needed.
  void place(Entry entry) {
    std::size_t i = home(entry.key);
    std::size_t distance = 0;
    while (m_entries[i].slot != k_free_slot) {
      const std::size_t resident = displacement(i);
      if (resident < distance) {
        std::swap(entry, m_entries[i]);
        distance = resident;
      }
      i = next(i);
      ++distance;
    }
    m_entries[i] = entry;
    ++m_size;
  }

  void rehash(std::size_t capacity) {
    BigVector<Entry> old = std::move(m_entries);
    m_entries = BigVector<Entry>(capacity);
    m_size = 0;
    for (const Entry& entry : old) {
      if (entry.slot != k_free_slot) {
        place(entry);
      }
    }
  }

  BigVector<Entry> m_entries;
  std::size_t m_size = 0;
};

std::uint32_t band_key(const Signature& signature, std::size_t band, std::size_t rows) {
  std::uint64_t h = static_cast<std::uint64_t>(band) * 0x9E3779B97F4A7C15ULL;
  for (std::size_t r = 0; r < rows; ++r) {
    h = fmix64(h ^ signature.bins[band * rows + r]);
  }
  return static_cast<std::uint32_t>(h >> 32U);
}

// Lead bin b of value v: its own key space per bin, so equal values in different bins never meet.
std::uint32_t lead_key(const Signature& signature, std::size_t bin) {
  const std::uint64_t h = fmix64((static_cast<std::uint64_t>(bin + 1) * 0xC2B2AE3D27D4EB4FULL) ^ signature.lead[bin]);
  return static_cast<std::uint32_t>(h >> 32U);
}

} // namespace

struct OriginalIndex::Impl {
  IndexOptions options;
  MultiTable bands;
  MultiTable leads;
  MultiTable anchors;
  std::vector<std::int64_t> ids;
  BigVector<std::uint8_t> low_bytes; // Signature::k_bins per slot
  std::vector<std::uint8_t> anchor_counts;
  std::vector<bool> alive;
  std::vector<bool> empty;
  std::unordered_map<std::int64_t, std::uint32_t> slot_of;
  std::vector<std::uint32_t> free_slots; // purged slots, safe to reuse
  std::size_t dead = 0;

  std::size_t band_count() const {
    const std::size_t rows = std::max<std::size_t>(options.rows, 1);
    return std::min(options.bands, Signature::k_bins / rows);
  }

  std::uint32_t new_slot() {
    if (!free_slots.empty()) {
      const std::uint32_t slot = free_slots.back();
      free_slots.pop_back();
      return slot;
    }
    const auto slot = static_cast<std::uint32_t>(ids.size());
    ids.push_back(0);
    low_bytes.resize(low_bytes.size() + Signature::k_bins);
    anchor_counts.push_back(0);
    alive.push_back(false);
    empty.push_back(true);
    return slot;
  }

  void compact() {
    const auto is_dead = [this](std::uint32_t slot) { return !alive[slot]; };
    bands.purge(is_dead);
    leads.purge(is_dead);
    anchors.purge(is_dead);
    free_slots.clear();
    for (std::uint32_t slot = 0; slot < alive.size(); ++slot) {
      if (!alive[slot]) {
        free_slots.push_back(slot);
      }
    }
    dead = 0;
  }

  // `query_low` is the query's bins' low bytes, packed as the stored ones are. Compares eight
  // bins per step (SWAR): a query at 1M originals estimates ~150 stray candidates, and the byte
  // loop was most of its time.
  double estimate(const std::array<std::uint8_t, Signature::k_bins>& query_low, std::uint32_t slot) const {
    const std::uint8_t* stored = low_bytes.data() + static_cast<std::size_t>(slot) * Signature::k_bins;
    constexpr std::uint64_t k_low7 = 0x7F7F7F7F7F7F7F7FULL;
    std::size_t equal = 0;
    for (std::size_t i = 0; i < Signature::k_bins; i += 8) {
      std::uint64_t a = 0;
      std::uint64_t b = 0;
      std::memcpy(&a, query_low.data() + i, 8);
      std::memcpy(&b, stored + i, 8);
      const std::uint64_t x = a ^ b;
      // High bit of each byte set iff that byte of x is zero (no carries cross bytes).
      const std::uint64_t zero = ~(((x & k_low7) + k_low7) | x | k_low7);
      // One bit per equal byte, summed by a multiply (no popcount instruction in the x86-64 baseline).
      equal += static_cast<std::size_t>((((zero >> 7U) & 0x0101010101010101ULL) * 0x0101010101010101ULL) >> 56U);
    }
    const double raw = static_cast<double>(equal) / static_cast<double>(Signature::k_bins);
    return std::clamp((raw - k_chance_agreement) / (1.0 - k_chance_agreement), 0.0, 1.0);
  }
};

OriginalIndex::OriginalIndex(IndexOptions options) : m_impl(std::make_unique<Impl>()) {
  m_impl->options = options;
}
OriginalIndex::~OriginalIndex() = default;
OriginalIndex::OriginalIndex(OriginalIndex&&) noexcept = default;
OriginalIndex& OriginalIndex::operator=(OriginalIndex&&) noexcept = default;

void OriginalIndex::reserve(std::size_t originals) {
  Impl& impl = *m_impl;
  impl.bands.reserve(originals * impl.band_count());
  impl.leads.reserve(originals * Signature::k_lead_bins);
  impl.anchors.reserve(originals * std::min(impl.options.indexed_anchors, Signature::k_max_anchors));
  impl.ids.reserve(originals);
  impl.low_bytes.reserve(originals * Signature::k_bins);
  impl.anchor_counts.reserve(originals);
  impl.slot_of.reserve(originals);
}

void OriginalIndex::add(std::int64_t id, const Signature& signature) {
  Impl& impl = *m_impl;
  remove(id);
  const std::uint32_t slot = impl.new_slot();
  impl.ids[slot] = id;
  impl.alive[slot] = true;
  impl.empty[slot] = signature.empty();
  impl.slot_of[id] = slot;
  std::uint8_t* stored = impl.low_bytes.data() + static_cast<std::size_t>(slot) * Signature::k_bins;
  for (std::size_t i = 0; i < Signature::k_bins; ++i) {
    stored[i] = static_cast<std::uint8_t>(signature.bins[i]);
  }
  impl.anchor_counts[slot] = 0;
  if (signature.empty()) {
    return;
  }
  const std::size_t rows = std::max<std::size_t>(impl.options.rows, 1);
  for (std::size_t band = 0; band < impl.band_count(); ++band) {
    impl.bands.insert(band_key(signature, band, rows), slot, impl.options.max_postings);
  }
  for (std::size_t bin = 0; bin < Signature::k_lead_bins; ++bin) {
    impl.leads.insert(lead_key(signature, bin), slot, impl.options.max_lead_postings);
  }
  const std::size_t anchor_limit = std::min(impl.options.indexed_anchors, signature.anchors.size());
  std::size_t indexed = 0;
  for (std::size_t i = 0; i < anchor_limit; ++i) {
    indexed += impl.anchors.insert(signature.anchors[i], slot, impl.options.max_postings) ? 1U : 0U;
  }
  impl.anchor_counts[slot] = static_cast<std::uint8_t>(std::min<std::size_t>(indexed, 255));
}

bool OriginalIndex::remove(std::int64_t id) {
  Impl& impl = *m_impl;
  const auto found = impl.slot_of.find(id);
  if (found == impl.slot_of.end()) {
    return false;
  }
  impl.alive[found->second] = false;
  impl.slot_of.erase(found);
  ++impl.dead;
  if (impl.dead >= k_min_dead_for_compaction && impl.dead * 4 > impl.slot_of.size()) {
    impl.compact();
  }
  return true;
}

bool OriginalIndex::contains(std::int64_t id) const {
  return m_impl->slot_of.contains(id);
}

std::size_t OriginalIndex::size() const {
  return m_impl->slot_of.size();
}

std::vector<Candidate> OriginalIndex::query(const Signature& signature, std::size_t k) const {
  const Impl& impl = *m_impl;
  std::vector<Candidate> out;
  if (signature.empty() || k == 0) {
    return out;
  }
  std::vector<std::uint32_t> slots;
  const std::size_t rows = std::max<std::size_t>(impl.options.rows, 1);
  const std::size_t band_count = impl.band_count();
  std::array<std::uint32_t, Signature::k_bins> keys{};
  for (std::size_t band = 0; band < band_count; ++band) {
    keys[band] = band_key(signature, band, rows);
    impl.bands.prefetch(keys[band]);
  }
  std::array<std::uint32_t, Signature::k_lead_bins> lead_keys{};
  for (std::size_t bin = 0; bin < Signature::k_lead_bins; ++bin) {
    lead_keys[bin] = lead_key(signature, bin);
    impl.leads.prefetch(lead_keys[bin]);
  }
  for (std::size_t band = 0; band < band_count; ++band) {
    impl.bands.find(keys[band], impl.options.max_postings, slots);
  }
  std::vector<std::uint32_t> lead_slots;
  for (std::size_t bin = 0; bin < Signature::k_lead_bins; ++bin) {
    impl.leads.find(lead_keys[bin], impl.options.max_lead_postings, lead_slots);
  }
  // A slot appears once per lead bin it shares; the count is the lead estimate.
  std::sort(lead_slots.begin(), lead_slots.end());
  // No sort and unique here: strays are unique, and a true candidate seen in several bands is
  // estimated again from cache and deduplicated among the few that pass the cut (sorting all the
  // slots took longer than estimating them).
  // Stray candidates (unrelated originals sharing one band by chance, ~150 per query at 1M) each
  // cost cache misses; all their bins are requested up front, and the slot's other arrays are
  // read only for the few that pass the similarity cut.
  for (const std::uint32_t slot : slots) {
    const std::uint8_t* row = impl.low_bytes.data() + static_cast<std::size_t>(slot) * Signature::k_bins;
    __builtin_prefetch(row);
    __builtin_prefetch(row + Signature::k_bins - 1);
  }
  for (const std::uint32_t slot : lead_slots) {
    const std::uint8_t* row = impl.low_bytes.data() + static_cast<std::size_t>(slot) * Signature::k_bins;
    __builtin_prefetch(row);
    __builtin_prefetch(row + Signature::k_bins - 1);
  }
  std::array<std::uint8_t, Signature::k_bins> query_low{};
  for (std::size_t i = 0; i < Signature::k_bins; ++i) {
    query_low[i] = static_cast<std::uint8_t>(signature.bins[i]);
  }
  for (const std::uint32_t slot : slots) {
    const double similarity = impl.estimate(query_low, slot);
    if (similarity >= impl.options.min_similarity && impl.alive[slot] && !impl.empty[slot]) {
      out.push_back(Candidate{impl.ids[slot], similarity, 0.0});
    }
  }
  for (std::size_t i = 0; i < lead_slots.size();) {
    const std::uint32_t slot = lead_slots[i];
    std::size_t shared = 0;
    for (; i < lead_slots.size() && lead_slots[i] == slot; ++i) {
      ++shared;
    }
    if (shared >= impl.options.min_lead_bins && impl.alive[slot] && !impl.empty[slot]) {
      const double lead = static_cast<double>(shared) / static_cast<double>(Signature::k_lead_bins);
      out.push_back(Candidate{impl.ids[slot], impl.estimate(query_low, slot), lead});
    }
  }
  // Equal ids sit together, the one with a lead estimate (if any) first, so unique() keeps it.
  std::sort(out.begin(), out.end(),
            [](const Candidate& a, const Candidate& b) { return a.id != b.id ? a.id < b.id : a.lead > b.lead; });
  out.erase(std::unique(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.id == b.id; }),
            out.end());
  const auto better = [](const Candidate& a, const Candidate& b) {
    const double score_a = std::max(a.similarity, a.lead);
    const double score_b = std::max(b.similarity, b.lead);
    if (score_a != score_b) {
      return score_a > score_b;
    }
    return a.similarity != b.similarity ? a.similarity > b.similarity : a.id < b.id;
  };
  if (out.size() > k) {
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(k), out.end(), better);
    out.resize(k);
  } else {
    std::sort(out.begin(), out.end(), better);
  }
  return out;
}

std::vector<Candidate> OriginalIndex::query_cross_lingual(const Signature& signature, std::size_t k) const {
  const Impl& impl = *m_impl;
  std::vector<Candidate> out;
  const std::size_t live = impl.slot_of.size();
  if (signature.anchors.empty() || k == 0 || live == 0) {
    return out;
  }
  // Each shared anchor adds its IDF; the sum is divided by the IDF mass of the query's anchors
  // that are indexed at all, and by the square root of the original's anchor count so that
  // originals with many anchors do not win by size (a cosine on binary IDF-weighted vectors).
  std::vector<std::pair<std::uint32_t, double>> hits;
  std::vector<std::uint32_t> slots;
  double query_mass = 0.0;
  std::size_t found = 0;
  for (const std::uint32_t anchor : signature.anchors) {
    impl.anchors.prefetch(anchor);
  }
  for (const std::uint32_t anchor : signature.anchors) {
    slots.clear();
    if (!impl.anchors.find(anchor, impl.options.max_postings, slots) || slots.empty()) {
      continue;
    }
    const double idf = std::log(1.0 + static_cast<double>(live) / static_cast<double>(slots.size()));
    query_mass += idf * idf;
    ++found;
    for (const std::uint32_t slot : slots) {
      hits.emplace_back(slot, idf);
    }
  }
  if (hits.empty()) {
    return out;
  }
  std::sort(hits.begin(), hits.end());
  for (std::size_t i = 0; i < hits.size();) {
    const std::uint32_t slot = hits[i].first;
    double score = 0.0;
    for (; i < hits.size() && hits[i].first == slot; ++i) {
      score += hits[i].second * hits[i].second;
    }
    if (!impl.alive[slot] || impl.anchor_counts[slot] == 0) {
      continue;
    }
    // The original's own IDF mass is not stored: estimate it as its anchor count times the mean
    // squared IDF of the query's found anchors.
    const double mean_square = query_mass / static_cast<double>(found);
    const double norm = std::sqrt(query_mass) * std::sqrt(static_cast<double>(impl.anchor_counts[slot]) * mean_square);
    out.push_back(Candidate{impl.ids[slot], std::clamp(score / norm, 0.0, 1.0)});
  }
  const auto better = [](const Candidate& a, const Candidate& b) {
    return a.similarity != b.similarity ? a.similarity > b.similarity : a.id < b.id;
  };
  if (out.size() > k) {
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(k), out.end(), better);
    out.resize(k);
  } else {
    std::sort(out.begin(), out.end(), better);
  }
  return out;
}

std::size_t OriginalIndex::memory_bytes() const {
  const Impl& impl = *m_impl;
  // unordered_map: one node (key, value, next pointer, cached hash) plus one bucket pointer each.
  const std::size_t map_bytes =
      impl.slot_of.size() * (sizeof(std::int64_t) + 4 * sizeof(void*)) + impl.slot_of.bucket_count() * sizeof(void*);
  return sizeof(Impl) + impl.bands.memory_bytes() + impl.leads.memory_bytes() + impl.anchors.memory_bytes() +
         impl.ids.capacity() * sizeof(std::int64_t) + impl.low_bytes.capacity() + impl.anchor_counts.capacity() +
         impl.alive.capacity() / 8 + impl.empty.capacity() / 8 + impl.free_slots.capacity() * sizeof(std::uint32_t) +
         map_bytes;
}

} // namespace syndcheck::similarity
