/* rating — credit rating notches, their S&P-style names, the six rating
 * buckets, and the one sector x rating group id every tool groups by
 * (liq(7), CONVENTIONS).
 *
 *     int n = liq_rating_notch("BBB+");           // 8; 0 when unknown
 *     const char *s = liq_rating_name(n);          // "BBB+"
 *     int b = liq_rating_bucket(n);               // 3 (BBB)
 *     int g = liq_rating_group(sector_code, n);   // LIQ_GROUP_NONE if unrated
 */
#ifndef LIQ_RATING_H
#define LIQ_RATING_H

/* Notches 1 = AAA ... 19 = CCC-, 20 CC, 21 C, 22 D; 0 is unknown (NR). */
#define LIQ_NRATINGS 22

/* S&P-style letters of a notch ("NR" outside 1..22). */
const char *liq_rating_name(int notch);

/* The notch of such letters, or 0 when s names none. */
int liq_rating_notch(const char *s);

/* Rating bucket of a notch: 1 AAA/AA (1-4), 2 A (5-7), 3 BBB (8-10),
 * 4 BB (11-13), 5 B (14-16), 6 CCC and below (17-22); 0 unknown. */
#define LIQ_NBUCKETS 6
int liq_rating_bucket(int notch);
const char *liq_rating_bucket_name(int bucket);

/* The sector x rating group of a bond: 8 x sector_code + bucket, so the
 * bucket is id % 8 and the sector code id / 8. LIQ_GROUP_NONE when the
 * sector (code < 1) or the rating is unknown. */
#define LIQ_GROUP_NONE (-1)
int liq_rating_group(int sector_code, int notch);
int liq_group_sector(int group);
int liq_group_bucket(int group);

#endif
