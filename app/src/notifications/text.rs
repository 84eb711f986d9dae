//! Notices in words: the line a notification shows and the email that tells the same, from the
//! translation files (`notifications.*`), in the reader's language.
//!
//! The database stores a notice as facts ([`domain::Notice`]); these functions are the only
//! place its words come from, for the notifications page, the admins' outbox and the mailer.

use domain::Notice;
use domain::notice::PairRole;

use crate::i18n::{Locale, td_string};

/// The notice in one line: a notification's text and an email's subject.
pub fn notice_line(locale: Locale, notice: &Notice) -> String {
    match notice {
        Notice::PairPublished {
            role: PairRole::Mentor,
            program,
            other,
        } => td_string!(
            locale,
            notifications.pair_published_mentor,
            program = program,
            other = other
        ),
        Notice::PairPublished {
            role: PairRole::Mentee,
            program,
            other,
        } => td_string!(
            locale,
            notifications.pair_published_mentee,
            program = program,
            other = other
        ),
        Notice::PairAccepted { name } => td_string!(locale, notifications.pair_accepted, name = name),
        Notice::PairPaused { .. } => td_string!(locale, notifications.pair_paused).to_owned(),
        Notice::PairResumed { .. } => td_string!(locale, notifications.pair_resumed).to_owned(),
        Notice::PairEnded { .. } => td_string!(locale, notifications.pair_ended).to_owned(),
        Notice::PairRematch { .. } => td_string!(locale, notifications.pair_rematch).to_owned(),
        Notice::MeetingProposed { name } => td_string!(locale, notifications.meeting_proposed, name = name),
        Notice::MeetingAccepted { name } => td_string!(locale, notifications.meeting_accepted, name = name),
        Notice::MeetingCancelled { name } => td_string!(locale, notifications.meeting_cancelled, name = name),
        Notice::MeetingRescheduled { name } => {
            td_string!(locale, notifications.meeting_rescheduled, name = name)
        }
        Notice::MeetingReminder { name } => td_string!(locale, notifications.meeting_reminder, name = name),
        Notice::PairQuiet { name } => td_string!(locale, notifications.pair_quiet, name = name),
        Notice::FeedbackDue { form } => {
            td_string!(
                locale,
                notifications.feedback_due,
                form = form_title(locale, form)
            )
        }
        Notice::FeedbackReminder { form } => {
            td_string!(
                locale,
                notifications.feedback_reminder,
                form = form_title(locale, form)
            )
        }
        Notice::TrainingReminder { program, left } => {
            td_string!(
                locale,
                notifications.training_reminder,
                count = *left,
                program = program
            )
        }
        Notice::WorkshopSeat { workshop } => td_string!(
            locale,
            notifications.workshop_seat,
            workshop = form_title(locale, workshop)
        ),
        Notice::WorkshopReminder { workshop } => td_string!(
            locale,
            notifications.workshop_reminder,
            workshop = form_title(locale, workshop)
        ),
        Notice::WorkshopChanged { workshop } => td_string!(
            locale,
            notifications.workshop_changed,
            workshop = form_title(locale, workshop)
        ),
        Notice::WorkshopCancelled { workshop } => td_string!(
            locale,
            notifications.workshop_cancelled,
            workshop = form_title(locale, workshop)
        ),
        Notice::KudosReceived { name, program } => td_string!(
            locale,
            notifications.kudos_received,
            name = name,
            program = program
        ),
        Notice::CertificateIssued { program, .. } => {
            td_string!(locale, notifications.certificate_issued, program = program)
        }
        Notice::BadgeEarned { badge, program } => td_string!(
            locale,
            notifications.badge_earned,
            program = program,
            badge = crate::recognition::text::badge_name(locale, *badge)
        ),
    }
}

/// The notice as a notification shows it: its line, followed by HR's reason when it has one.
pub fn notice_text(locale: Locale, notice: &Notice) -> String {
    let line = notice_line(locale, notice);
    match reason(notice) {
        Some(reason) => td_string!(locale, notifications.with_reason, text = line, reason = reason),
        None => line,
    }
}

/// The email that tells the notice: `(subject, plain-text body)`, the body pointing to `url`
/// (the page the notice is about, a full URL).
pub fn notice_email(locale: Locale, notice: &Notice, url: &str) -> (String, String) {
    let subject = notice_line(locale, notice);
    let text = notice_text(locale, notice);
    let body = match notice {
        Notice::PairPublished { .. } => td_string!(locale, notifications.email_meet, text = text, url = url),
        Notice::FeedbackDue { .. } => td_string!(locale, notifications.email_answer, text = text, url = url),
        Notice::TrainingReminder { .. } => {
            td_string!(locale, notifications.email_training, text = text, url = url)
        }
        Notice::WorkshopSeat { .. }
        | Notice::WorkshopReminder { .. }
        | Notice::WorkshopChanged { .. }
        | Notice::WorkshopCancelled { .. } => {
            td_string!(locale, notifications.email_workshop, text = text, url = url)
        }
        Notice::CertificateIssued { verify_url, .. } => td_string!(
            locale,
            notifications.email_certificate,
            text = text,
            url = url,
            verify = verify_url
        ),
        Notice::KudosReceived { .. } | Notice::BadgeEarned { .. } => {
            td_string!(locale, notifications.email_recognition, text = text, url = url)
        }
        Notice::PairPaused { .. }
        | Notice::PairResumed { .. }
        | Notice::PairEnded { .. }
        | Notice::PairRematch { .. }
        | Notice::FeedbackReminder { .. } => {
            td_string!(locale, notifications.email_link, text = text, url = url)
        }
        Notice::PairAccepted { .. }
        | Notice::MeetingProposed { .. }
        | Notice::MeetingAccepted { .. }
        | Notice::MeetingCancelled { .. }
        | Notice::MeetingRescheduled { .. }
        | Notice::MeetingReminder { .. }
        | Notice::PairQuiet { .. } => td_string!(locale, notifications.email_open, text = text, url = url),
    };
    (subject, body)
}

/// HR's reason a pair notice carries, if any (blank counts as none).
fn reason(notice: &Notice) -> Option<&str> {
    match notice {
        Notice::PairPaused { reason }
        | Notice::PairResumed { reason }
        | Notice::PairEnded { reason }
        | Notice::PairRematch { reason } => reason.as_deref().filter(|r| !r.trim().is_empty()),
        _ => None,
    }
}

/// A form's or workshop's title in the reader's language, or in the other one when it has none
/// in theirs.
fn form_title(locale: Locale, form: &domain::notice::FormTitle) -> &str {
    let (mine, other) = match locale {
        Locale::en => (&form.en, &form.es),
        Locale::es => (&form.es, &form.en),
    };
    if mine.trim().is_empty() { other } else { mine }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::notice::FormTitle;

    #[test]
    fn a_published_pair_names_the_role_program_and_person_in_each_language() {
        let n = Notice::PairPublished {
            role: PairRole::Mentor,
            program: "Mentoría 2027".into(),
            other: "Lucía Pérez".into(),
        };
        assert_eq!(
            notice_line(Locale::es, &n),
            "Tu mentor en Mentoría 2027 es Lucía Pérez"
        );
        assert_eq!(
            notice_line(Locale::en, &n),
            "Your mentor for Mentoría 2027 is Lucía Pérez"
        );
        let (subject, body) = notice_email(Locale::en, &n, "https://inversa.example/pair");
        assert_eq!(subject, "Your mentor for Mentoría 2027 is Lucía Pérez");
        assert_eq!(
            body,
            "Your mentor for Mentoría 2027 is Lucía Pérez. Open Inversa to meet them: https://inversa.example/pair"
        );
    }

    #[test]
    fn hr_reason_follows_the_notice_but_not_the_subject() {
        let n = Notice::PairPaused {
            reason: Some("baja temporal".into()),
        };
        assert_eq!(
            notice_text(Locale::es, &n),
            "RR. HH. ha pausado vuestra pareja: baja temporal"
        );
        let (subject, body) = notice_email(Locale::es, &n, "https://x/pair");
        assert_eq!(subject, "RR. HH. ha pausado vuestra pareja");
        assert_eq!(
            body,
            "RR. HH. ha pausado vuestra pareja: baja temporal. https://x/pair"
        );
        let blank = Notice::PairEnded {
            reason: Some("  ".into()),
        };
        assert_eq!(notice_text(Locale::en, &blank), "HR has ended your pair");
    }

    #[test]
    fn a_form_title_falls_back_to_the_other_language() {
        let n = Notice::FeedbackDue {
            form: FormTitle {
                es: "Tras la reunión".into(),
                en: String::new(),
            },
        };
        assert_eq!(notice_line(Locale::en, &n), "Feedback due: Tras la reunión");
        assert_eq!(
            notice_line(Locale::es, &n),
            "Valoración pendiente: Tras la reunión"
        );
        let (_, body) = notice_email(Locale::es, &n, "https://x/feedback");
        assert_eq!(
            body,
            "Valoración pendiente: Tras la reunión. Respóndela en Inversa: https://x/feedback"
        );
    }

    #[test]
    fn workshop_notices_name_the_workshop_in_the_readers_language() {
        let title = FormTitle {
            es: "Escucha activa".into(),
            en: "Active listening".into(),
        };
        let seat = Notice::WorkshopSeat {
            workshop: title.clone(),
        };
        assert_eq!(
            notice_line(Locale::en, &seat),
            "A seat freed up and it is now yours: Active listening"
        );
        let (subject, body) = notice_email(Locale::es, &seat, "https://x/training");
        assert_eq!(
            subject,
            "Se ha liberado una plaza y ahora es tuya: Escucha activa"
        );
        assert_eq!(
            body,
            "Se ha liberado una plaza y ahora es tuya: Escucha activa. Tus talleres están en Inversa: https://x/training"
        );
        let cancelled = Notice::WorkshopCancelled {
            workshop: FormTitle {
                es: "Escucha activa".into(),
                en: String::new(),
            },
        };
        assert_eq!(
            notice_line(Locale::en, &cancelled),
            "HR has called off the workshop: Escucha activa"
        );
        assert_eq!(
            notice_line(Locale::es, &Notice::WorkshopReminder { workshop: title }),
            "Recordatorio: taller en las próximas 24 horas: Escucha activa"
        );
    }

    #[test]
    fn kudos_and_badges_name_who_and_what_in_the_readers_language() {
        let kudos = Notice::KudosReceived {
            name: "Lucía".into(),
            program: "Piloto".into(),
        };
        assert_eq!(notice_line(Locale::en, &kudos), "Lucía sent you kudos in Piloto");
        let badge = Notice::BadgeEarned {
            badge: domain::recognition::badges::Badge::FiveCheckins,
            program: "Piloto".into(),
        };
        assert_eq!(
            notice_line(Locale::es, &badge),
            "Nueva insignia en Piloto: Cinco check-ins"
        );
        let (_, body) = notice_email(Locale::en, &badge, "https://x/recognition");
        assert_eq!(
            body,
            "New badge in Piloto: Five check-ins. See it in Inversa: https://x/recognition"
        );
    }

    #[test]
    fn a_training_reminder_counts_what_is_left() {
        crate::plural_rules::install();
        let one = Notice::TrainingReminder {
            program: "Piloto 2027".into(),
            left: 1,
        };
        assert_eq!(
            notice_line(Locale::es, &one),
            "Recordatorio: te queda 1 módulo obligatorio de formación en Piloto 2027"
        );
        let three = Notice::TrainingReminder {
            program: "Piloto 2027".into(),
            left: 3,
        };
        assert_eq!(
            notice_line(Locale::en, &three),
            "Reminder: you have 3 required training modules left in Piloto 2027"
        );
        let (subject, body) = notice_email(Locale::es, &three, "https://x/training");
        assert_eq!(
            subject,
            "Recordatorio: te quedan 3 módulos obligatorios de formación en Piloto 2027"
        );
        assert_eq!(
            body,
            "Recordatorio: te quedan 3 módulos obligatorios de formación en Piloto 2027. Tu formación está en Inversa: https://x/training"
        );
    }

    #[test]
    fn values_are_written_as_given() {
        // Names are text, not markup or templates: braces and angle brackets come out as typed.
        let n = Notice::MeetingProposed {
            name: "Ana <b>{{ x }}</b>".into(),
        };
        assert_eq!(
            notice_line(Locale::en, &n),
            "New meeting proposal: Ana <b>{{ x }}</b>"
        );
    }
}
