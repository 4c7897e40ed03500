//! Timestamps as vendors send them, and the boundary checks every time rule uses.
//!
//! Nothing here reads the clock: the instant a check is judged at is always an argument.

use std::fmt;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

use crate::error::{Error, JudgedAt};

/// Parses an RFC 3339 / xsd:dateTime instant with an explicit zone (`Z` or an offset).
///
/// A date-time without a zone names no instant, so it is rejected rather than guessed.
pub(crate) fn parse_instant(field: &str, s: &str) -> Result<DateTime<Utc>, Error> {
    DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).map_err(|e| {
        Error::invalid(field, format!("{s:?} is not an RFC 3339 date-time with a zone: {e}"))
    })
}

/// Converts unix seconds to an instant.
pub(crate) fn from_unix_seconds(field: &str, seconds: i64) -> Result<DateTime<Utc>, Error> {
    DateTime::from_timestamp(seconds, 0).ok_or_else(|| {
        Error::invalid(field, format!("{seconds} is out of the representable time range"))
    })
}

/// Parses a calendar date as vendors send it: `YYYY-MM-DD`, or a midnight date-time
/// `YYYY-MM-DDT00:00:00` (Trinsic credentials; optionally with fractional zeros and `Z`).
/// A date-time with another time of day is not a date and is rejected.
pub(crate) fn parse_date(field: &str, s: &str) -> Result<NaiveDate, Error> {
    if let Ok(date) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(date);
    }
    let naive = s.strip_suffix('Z').unwrap_or(s);
    match NaiveDateTime::parse_from_str(naive, "%Y-%m-%dT%H:%M:%S%.f") {
        Ok(t) if t.time() == NaiveTime::MIN => Ok(t.date()),
        Ok(_) => Err(Error::invalid(
            field,
            format!("{s:?} is a date-time, not a date (time of day is not midnight)"),
        )),
        Err(e) => Err(Error::invalid(field, format!("{s:?} is not a date (YYYY-MM-DD): {e}"))),
    }
}

/// A date given as milliseconds since the epoch (some SDKs send birth dates so), read in UTC.
pub(crate) fn date_from_epoch_millis(field: &str, millis: i64) -> Result<NaiveDate, Error> {
    DateTime::from_timestamp_millis(millis).map(|t| t.date_naive()).ok_or_else(|| {
        Error::invalid(field, format!("{millis} ms is out of the representable time range"))
    })
}

/// `t + d`, saturating at the ends of the representable range: a hostile timestamp near the
/// end of time plus a leeway must not overflow (chrono's `+` panics).
pub(crate) fn plus(t: DateTime<Utc>, d: Duration) -> DateTime<Utc> {
    t.checked_add_signed(d).unwrap_or(if d < Duration::zero() {
        DateTime::<Utc>::MIN_UTC
    } else {
        DateTime::<Utc>::MAX_UTC
    })
}

/// The first instant after the last day of validity of a document expiring on `expiry`: a
/// document is valid through its expiry date.
pub(crate) fn end_of_day(expiry: NaiveDate) -> DateTime<Utc> {
    let next = expiry.succ_opt().unwrap_or(expiry);
    next.and_time(NaiveTime::MIN).and_utc()
}

/// Unix seconds sent as a JSON number or as a string of digits: proto3 JSON sends fixed64 as a
/// string, Trinsic's SDKs as a number; both are accepted, as the proto3 JSON mapping asks of a
/// parser (<https://protobuf.dev/programming-guides/json/>).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnixSeconds(pub i64);

impl<'de> Deserialize<'de> for UnixSeconds {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = UnixSeconds;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("unix seconds as a number or a string of digits")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<UnixSeconds, E> {
                i64::try_from(v)
                    .map(UnixSeconds)
                    .map_err(|_| E::custom(format!("{v} is out of range")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<UnixSeconds, E> {
                Ok(UnixSeconds(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<UnixSeconds, E> {
                if v.is_empty()
                    || v.len() > 20
                    || !v
                        .bytes()
                        .enumerate()
                        .all(|(i, b)| b.is_ascii_digit() || (i == 0 && b == b'-'))
                {
                    return Err(E::custom(format!("{v:?} is not unix seconds")));
                }
                v.parse().map(UnixSeconds).map_err(|_| E::custom(format!("{v:?} is out of range")))
            }
        }
        d.deserialize_any(V)
    }
}

/// The boundary rules, each judged at an instant given by the caller, with the policy's leeway.
///
/// Every rule errs with both instants named, and the library never reads the clock: the
/// instant is always the caller's.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clock {
    pub at: DateTime<Utc>,
    pub judged: JudgedAt,
    pub leeway: Duration,
}

impl Clock {
    /// Validity ended at `not_after` (exclusive, as JWT `exp`, RFC 7519 section 4.1.4): rejected
    /// when `at >= not_after + leeway`.
    pub fn not_after(&self, field: &str, not_after: DateTime<Utc>) -> Result<(), Error> {
        if self.at >= plus(not_after, self.leeway) {
            return Err(Error::Expired {
                field: field.to_owned(),
                not_after,
                at: self.at,
                judged: self.judged,
            });
        }
        Ok(())
    }

    /// Validity starts at `not_before` (as JWT `nbf`, RFC 7519 section 4.1.5): rejected when
    /// `at + leeway < not_before`.
    pub fn not_before(&self, field: &str, not_before: DateTime<Utc>) -> Result<(), Error> {
        if plus(self.at, self.leeway) < not_before {
            return Err(Error::NotYetValid {
                field: field.to_owned(),
                not_before,
                at: self.at,
                judged: self.judged,
            });
        }
        Ok(())
    }

    /// An event (creation, issuance, verification) must not be dated after `at`: rejected when
    /// `time > at + leeway`.
    pub fn not_in_future(&self, field: &str, time: DateTime<Utc>) -> Result<(), Error> {
        if time > plus(self.at, self.leeway) {
            return Err(Error::InFuture {
                field: field.to_owned(),
                time,
                at: self.at,
                judged: self.judged,
            });
        }
        Ok(())
    }

    /// The event at `time` is at most `max_age` old: rejected when `at > time + max_age + leeway`.
    pub fn not_older_than(
        &self,
        field: &str,
        time: DateTime<Utc>,
        max_age: Duration,
    ) -> Result<(), Error> {
        if self.at > plus(plus(time, max_age), self.leeway) {
            return Err(Error::TooOld {
                field: field.to_owned(),
                time,
                at: self.at,
                max_age_seconds: max_age.num_seconds(),
            });
        }
        Ok(())
    }

    /// An identity document is valid through its expiry date: rejected when
    /// `at >= expiry + 1 day (00:00 UTC) + leeway`.
    pub fn document_valid(&self, field: &str, expiry: NaiveDate) -> Result<(), Error> {
        if self.at >= plus(end_of_day(expiry), self.leeway) {
            return Err(Error::DocumentExpired { field: field.to_owned(), expiry, at: self.at });
        }
        Ok(())
    }
}

/// Two timestamps from the same vendor clock must be in order (no leeway: one clock).
pub(crate) fn ordered(
    earlier_field: &str,
    earlier: DateTime<Utc>,
    later_field: &str,
    later: DateTime<Utc>,
) -> Result<(), Error> {
    if later < earlier {
        return Err(Error::TimeOrder {
            earlier_field: earlier_field.to_owned(),
            earlier,
            later_field: later_field.to_owned(),
            later,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(s: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_700_000_000 + s, 0).unwrap()
    }

    fn clock(at: i64, leeway: i64) -> Clock {
        Clock { at: t(at), judged: JudgedAt::PolicyNow, leeway: Duration::seconds(leeway) }
    }

    #[test]
    fn not_after_one_second_either_side_with_and_without_leeway() {
        // exp = t(0): valid strictly before exp + leeway.
        assert!(clock(-1, 0).not_after("exp", t(0)).is_ok());
        assert_eq!(clock(0, 0).not_after("exp", t(0)).unwrap_err().code(), "time.expired");
        assert!(clock(59, 60).not_after("exp", t(0)).is_ok());
        assert_eq!(clock(60, 60).not_after("exp", t(0)).unwrap_err().code(), "time.expired");
        match clock(61, 60).not_after("exp", t(0)) {
            Err(Error::Expired { at, not_after, .. }) => {
                assert_eq!(at, t(61));
                assert_eq!(not_after, t(0));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn not_before_one_second_either_side_with_and_without_leeway() {
        assert!(clock(0, 0).not_before("nbf", t(0)).is_ok());
        assert_eq!(clock(-1, 0).not_before("nbf", t(0)).unwrap_err().code(), "time.not_yet_valid");
        assert!(clock(-60, 60).not_before("nbf", t(0)).is_ok());
        assert_eq!(
            clock(-61, 60).not_before("nbf", t(0)).unwrap_err().code(),
            "time.not_yet_valid"
        );
    }

    #[test]
    fn future_one_second_either_side_with_and_without_leeway() {
        assert!(clock(0, 0).not_in_future("created", t(0)).is_ok());
        assert_eq!(clock(0, 0).not_in_future("created", t(1)).unwrap_err().code(), "time.future");
        assert!(clock(0, 60).not_in_future("created", t(60)).is_ok());
        assert_eq!(clock(0, 60).not_in_future("created", t(61)).unwrap_err().code(), "time.future");
    }

    #[test]
    fn max_age_one_second_either_side_with_and_without_leeway() {
        let hour = Duration::seconds(3600);
        assert!(clock(3600, 0).not_older_than("verified_at", t(0), hour).is_ok());
        assert_eq!(
            clock(3601, 0).not_older_than("verified_at", t(0), hour).unwrap_err().code(),
            "time.too_old"
        );
        assert!(clock(3660, 60).not_older_than("verified_at", t(0), hour).is_ok());
        assert_eq!(
            clock(3661, 60).not_older_than("verified_at", t(0), hour).unwrap_err().code(),
            "time.too_old"
        );
    }

    #[test]
    fn document_valid_through_its_expiry_day() {
        let expiry = NaiveDate::from_ymd_opt(2026, 7, 23).unwrap();
        let midnight_after = Utc.with_ymd_and_hms(2026, 7, 24, 0, 0, 0).unwrap();
        let at = |d: i64, leeway: i64| Clock {
            at: midnight_after + Duration::seconds(d),
            judged: JudgedAt::PolicyNow,
            leeway: Duration::seconds(leeway),
        };
        assert!(at(-1, 0).document_valid("expiryDate", expiry).is_ok());
        assert_eq!(
            at(0, 0).document_valid("expiryDate", expiry).unwrap_err().code(),
            "time.document_expired"
        );
        assert!(at(59, 60).document_valid("expiryDate", expiry).is_ok());
        assert_eq!(
            at(60, 60).document_valid("expiryDate", expiry).unwrap_err().code(),
            "time.document_expired"
        );
    }

    #[test]
    fn extreme_instants_and_durations_saturate_instead_of_panicking() {
        let end = DateTime::<Utc>::MAX_UTC;
        let start = DateTime::<Utc>::MIN_UTC;
        let huge = Duration::MAX;
        let c = Clock { at: end, judged: JudgedAt::PolicyNow, leeway: huge };
        // `end + leeway` saturates at `end`, so validity ending at the end of time has ended there.
        assert_eq!(c.not_after("exp", end).unwrap_err().code(), "time.expired");
        assert!(c.not_before("nbf", end).is_ok());
        assert!(c.not_in_future("iat", end).is_ok());
        assert!(c.not_older_than("verified_at", start, huge).is_ok());
        assert_eq!(
            c.document_valid("expiryDate", NaiveDate::MAX).unwrap_err().code(),
            "time.document_expired"
        );
        let c = Clock { at: start, judged: JudgedAt::PolicyNow, leeway: Duration::zero() };
        assert_eq!(c.not_before("nbf", end).unwrap_err().code(), "time.not_yet_valid");
        assert_eq!(c.not_in_future("iat", end).unwrap_err().code(), "time.future");
        assert_eq!(plus(start, -huge), start);
    }

    #[test]
    fn order_has_no_leeway() {
        assert!(ordered("created", t(0), "updated", t(0)).is_ok());
        assert_eq!(ordered("created", t(0), "updated", t(-1)).unwrap_err().code(), "time.order");
    }

    #[test]
    fn dates_and_instants() {
        let d = NaiveDate::from_ymd_opt(2000, 7, 23).unwrap();
        assert_eq!(parse_date("f", "2000-07-23").unwrap(), d);
        assert_eq!(parse_date("f", "2000-07-23T00:00:00").unwrap(), d);
        assert_eq!(parse_date("f", "2000-07-23T00:00:00.000Z").unwrap(), d);
        assert_eq!(parse_date("f", "2000-07-23T10:00:00").unwrap_err().code(), "field.invalid");
        assert_eq!(parse_date("f", "2000-13-23").unwrap_err().code(), "field.invalid");
        assert_eq!(date_from_epoch_millis("f", 964_310_400_000).unwrap(), d);
        assert_eq!(
            parse_instant("f", "2025-10-28T06:20:36.992Z").unwrap().timestamp_millis(),
            1_761_632_436_992
        );
        assert_eq!(parse_instant("f", "2025-10-28T06:20:36").unwrap_err().code(), "field.invalid");
        assert!(from_unix_seconds("f", i64::MAX).is_err());
    }

    #[test]
    fn unix_seconds_as_number_or_string() {
        let n: UnixSeconds = serde_json::from_str("1694201800").unwrap();
        let s: UnixSeconds = serde_json::from_str("\"1694201800\"").unwrap();
        assert_eq!(n, s);
        assert!(serde_json::from_str::<UnixSeconds>("\"16x\"").is_err());
        assert!(serde_json::from_str::<UnixSeconds>("\"\"").is_err());
        assert!(serde_json::from_str::<UnixSeconds>("1.5").is_err());
        assert!(serde_json::from_str::<UnixSeconds>("18446744073709551615").is_err());
    }
}
