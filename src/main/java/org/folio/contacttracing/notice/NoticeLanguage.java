package org.folio.contacttracing.notice;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.folio.contacttracing.mandate.ContactField;
import org.folio.contacttracing.platform.failure.Malformed;

/**
 * The languages the notice is written in, with the module's fixed texts in each. Templates take {@code %s} for
 * text the notice fills in: names, references and citations stay as the mandate and the settings give them.
 */
public enum NoticeLanguage {
  EN("en", new Texts("Visitor log notice",
      "No visitor log today",
      "This library is not logging visitors on %s. Nobody will ask for your contact details.",
      "This library is not logging visitors at %s on %s. Nobody will ask for your contact details.",
      "Visitor log at some locations",
      "On %s this library logs visitors at these locations:",
      "Elsewhere nobody will ask for your contact details.",
      "Visitor log for contact tracing",
      "Your choice",
      "You may decline to give your details. You will still be served.",
      "What happens to it",
      "Your contact details are used only so that public-health officials can reach you if you may have been "
          + "exposed to an infectious disease. They are not used for anything else and are kept apart from any "
          + "record of what you borrow.",
      "The list is a confidential library record. It is shared only with public-health officials for contact "
          + "tracing, as the state's library confidentiality law allows, and every disclosure is recorded.",
      "The list is a confidential library record. It is shared only with public-health officials for contact "
          + "tracing, and only as %s allows; every disclosure is recorded.",
      " Read the statute at %s.",
      "The order runs until %s.",
      "We are required to keep a log of visitors by order of %s (%s).",
      "What we ask for",
      "Your details are destroyed %s after your visit.",
      "At every location",
      "At %s",
      "By order of %s (%s)%s.",
      ", until %s",
      "We ask for:",
      " (required)", " or ", " (at least one of these is required)", " (optional: you may leave it out)",
      "%d day", "%d days",
      List.of("Your name", "A phone number", "An email address", "How many people are with you"),
      List.of("your name", "a phone number", "an email address", "how many people are with you"))),
  ES("es", new Texts("Aviso sobre el registro de visitantes",
      "Hoy no hay registro de visitantes",
      "Esta biblioteca no registra a los visitantes el %s. Nadie le pedirá sus datos de contacto.",
      "Esta biblioteca no registra a los visitantes en %s el %s. Nadie le pedirá sus datos de contacto.",
      "Registro de visitantes en algunas sedes",
      "El %s esta biblioteca registra a los visitantes en estas sedes:",
      "En las demás nadie le pedirá sus datos de contacto.",
      "Registro de visitantes para el rastreo de contactos",
      "Usted decide",
      "Puede negarse a dar sus datos. Se le atenderá igualmente.",
      "Qué se hace con ellos",
      "Sus datos de contacto se usan solo para que las autoridades de salud pública puedan localizarle si ha "
          + "podido estar expuesto a una enfermedad infecciosa. No se usan para nada más y se guardan aparte de "
          + "cualquier registro de lo que usted toma en préstamo.",
      "La lista es un registro confidencial de la biblioteca. Solo se comparte con las autoridades de salud "
          + "pública para el rastreo de contactos, tal como lo permite la ley estatal de confidencialidad de las "
          + "bibliotecas, y cada comunicación queda registrada.",
      "La lista es un registro confidencial de la biblioteca. Solo se comparte con las autoridades de salud "
          + "pública para el rastreo de contactos, y solo en la medida en que lo permite %s; cada comunicación "
          + "queda registrada.",
      " Puede leer la ley en %s.",
      "La orden rige hasta el %s.",
      "Estamos obligados a llevar un registro de visitantes por orden de %s (%s).",
      "Qué le pedimos",
      "Sus datos se destruyen %s después de su visita.",
      "En todas las sedes",
      "En %s",
      "Por orden de %s (%s)%s.",
      ", hasta el %s",
      "Le pedimos:",
      " (obligatorio)", " o ", " (al menos uno de ellos es obligatorio)", " (opcional: puede omitirlo)",
      "%d día", "%d días",
      List.of("Su nombre", "Un número de teléfono", "Una dirección de correo electrónico",
          "Cuántas personas le acompañan"),
      List.of("su nombre", "un número de teléfono", "una dirección de correo electrónico",
          "cuántas personas le acompañan"))),
  FR("fr", new Texts("Avis sur le registre des visiteurs",
      "Pas de registre des visiteurs aujourd'hui",
      "Cette bibliothèque n'enregistre pas les visiteurs le %s. Personne ne vous demandera vos coordonnées.",
      "Cette bibliothèque n'enregistre pas les visiteurs à %s le %s. Personne ne vous demandera vos coordonnées.",
      "Registre des visiteurs sur certains sites",
      "Le %s, cette bibliothèque enregistre les visiteurs sur ces sites :",
      "Ailleurs, personne ne vous demandera vos coordonnées.",
      "Registre des visiteurs pour le suivi des contacts",
      "Votre choix",
      "Vous pouvez refuser de donner vos coordonnées. Vous serez tout de même servi.",
      "Ce qu'il en advient",
      "Vos coordonnées servent uniquement à permettre aux autorités de santé publique de vous joindre si vous "
          + "avez pu être exposé à une maladie infectieuse. Elles ne servent à rien d'autre et sont conservées à "
          + "part de tout registre de vos emprunts.",
      "La liste est un document confidentiel de la bibliothèque. Elle n'est communiquée qu'aux autorités de santé "
          + "publique pour le suivi des contacts, comme le permet la loi de l'État sur la confidentialité des "
          + "bibliothèques, et chaque communication est enregistrée.",
      "La liste est un document confidentiel de la bibliothèque. Elle n'est communiquée qu'aux autorités de santé "
          + "publique pour le suivi des contacts, et uniquement dans la mesure permise par %s ; chaque "
          + "communication est enregistrée.",
      " Le texte de la loi se trouve sur %s.",
      "L'ordre s'applique jusqu'au %s.",
      "Nous sommes tenus de tenir un registre des visiteurs sur ordre de %s (%s).",
      "Ce que nous demandons",
      "Vos coordonnées sont détruites %s après votre visite.",
      "Sur tous les sites",
      "À %s",
      "Sur ordre de %s (%s)%s.",
      ", jusqu'au %s",
      "Nous demandons :",
      " (obligatoire)", " ou ", " (au moins l'une de ces informations est obligatoire)",
      " (facultatif : vous pouvez l'omettre)",
      "%d jour", "%d jours",
      List.of("Votre nom", "Un numéro de téléphone", "Une adresse e-mail",
          "Le nombre de personnes qui vous accompagnent"),
      List.of("votre nom", "un numéro de téléphone", "une adresse e-mail",
          "le nombre de personnes qui vous accompagnent"))),
  DE("de", new Texts("Hinweis zur Besucherliste",
      "Heute keine Besucherliste",
      "Diese Bibliothek erfasst am %s keine Besucher. Niemand wird Sie nach Ihren Kontaktdaten fragen.",
      "Diese Bibliothek erfasst am Standort %s am %s keine Besucher. Niemand wird Sie nach Ihren Kontaktdaten "
          + "fragen.",
      "Besucherliste an einigen Standorten",
      "Am %s erfasst diese Bibliothek Besucher an diesen Standorten:",
      "An anderen Standorten wird niemand Sie nach Ihren Kontaktdaten fragen.",
      "Besucherliste zur Kontaktnachverfolgung",
      "Ihre Wahl",
      "Sie können die Angabe Ihrer Daten ablehnen. Sie werden trotzdem bedient.",
      "Was damit geschieht",
      "Ihre Kontaktdaten werden nur verwendet, damit die Gesundheitsbehörden Sie erreichen können, falls Sie "
          + "einer Infektionskrankheit ausgesetzt gewesen sein könnten. Sie werden für nichts anderes verwendet "
          + "und getrennt von allen Aufzeichnungen über Ihre Ausleihen aufbewahrt.",
      "Die Liste ist eine vertrauliche Aufzeichnung der Bibliothek. Sie wird nur an Gesundheitsbehörden zur "
          + "Kontaktnachverfolgung weitergegeben, wie es das Gesetz des Staates über die Vertraulichkeit von "
          + "Bibliotheksdaten erlaubt, und jede Weitergabe wird festgehalten.",
      "Die Liste ist eine vertrauliche Aufzeichnung der Bibliothek. Sie wird nur an Gesundheitsbehörden zur "
          + "Kontaktnachverfolgung weitergegeben, und nur soweit %s es erlaubt; jede Weitergabe wird festgehalten.",
      " Den Gesetzestext finden Sie unter %s.",
      "Die Anordnung gilt bis zum %s.",
      "Wir sind auf Anordnung von %s (%s) verpflichtet, eine Besucherliste zu führen.",
      "Was wir erfragen",
      "Ihre Daten werden %s nach Ihrem Besuch vernichtet.",
      "An allen Standorten",
      "Standorte %s",
      "Auf Anordnung von %s (%s)%s.",
      ", bis zum %s",
      "Wir erfragen:",
      " (erforderlich)", " oder ", " (mindestens eine dieser Angaben ist erforderlich)",
      " (freiwillig: Sie können sie weglassen)",
      "%d Tag", "%d Tage",
      List.of("Ihr Name", "Eine Telefonnummer", "Eine E-Mail-Adresse", "Wie viele Personen Sie begleiten"),
      List.of("Ihr Name", "eine Telefonnummer", "eine E-Mail-Adresse", "wie viele Personen Sie begleiten")));

  /** The language when neither the query nor the {@code Accept-Language} header chooses one the module has. */
  public static final NoticeLanguage DEFAULT = EN;
  private static final List<String> CODES = Arrays.stream(values()).map(NoticeLanguage::code).toList();

  private final String code;
  private final Texts texts;

  NoticeLanguage(String code, Texts texts) {
    this.code = code;
    this.texts = texts;
  }

  /** The language tag, for {@code Content-Language} and {@code <html lang>}. */
  public String code() {
    return code;
  }

  Texts texts() {
    return texts;
  }

  /**
   * The {@code lang} query parameter wins; else the best language of {@code Accept-Language} the module has, by
   * q-value (RFC 4647 lookup, so {@code es-MX} finds {@code es}); else {@link #DEFAULT}.
   *
   * @throws Malformed for a {@code lang} the module does not have
   */
  public static NoticeLanguage choose(Optional<String> lang, String acceptLanguage) {
    if (lang.isPresent()) {
      return of(lang.get()).orElseThrow(() -> new Malformed("lang must be one of " + String.join(", ",
          CODES)));
    }
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return DEFAULT;
    }
    try {
      String tag = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), CODES);
      return tag == null ? DEFAULT : of(tag).orElse(DEFAULT);
    } catch (IllegalArgumentException malformed) {
      return DEFAULT;
    }
  }

  private static Optional<NoticeLanguage> of(String code) {
    return Arrays.stream(values()).filter(language -> language.code.equals(code)).findFirst();
  }

  /** The module's texts of the notice in one language. */
  record Texts(String title, String noLogHeading, String notLogging, String notLoggingAt, String someHeading,
      String someIntro, String elsewhere, String heading, String choiceHeading, String decline,
      String whatHappensHeading, String purpose, String sharing, String sharingUnder, String readStatute,
      String orderUntil, String requiredBy, String whatWeAskHeading, String destroyed, String everyLocation,
      String atLocations, String byOrder, String byOrderUntil, String weAskFor, String required, String or,
      String oneOf, String optional, String oneDay, String days, List<String> labels, List<String> inGroup) {

    /** A field this language has no label for yet is named as the receipt names it. */
    String label(ContactField field) {
      return field.ordinal() < labels.size() ? labels.get(field.ordinal()) : field.receiptLabel();
    }

    String labelInGroup(ContactField field) {
      return field.ordinal() < inGroup.size() ? inGroup.get(field.ordinal()) : field.receiptLabel();
    }

    String days(int count) {
      return (count == 1 ? oneDay : days).formatted(count);
    }
  }
}
