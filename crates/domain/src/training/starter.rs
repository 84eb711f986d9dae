//! The starter set: five ready-made training modules on reverse mentoring that HR adds to a
//! program with one click, so that a new program has sensible pre-match training from day one.
//!
//! The set covers what every pair needs before and during its first meetings: what reverse
//! mentoring is and what the program agreement asks ([`ModuleKind::Reading`]), active listening
//! ([`ModuleKind::Checklist`]), feedback in both directions ([`ModuleKind::Quiz`]), how to run a
//! 45-minute meeting (an optional reading) and confidentiality and psychological safety (a quiz).
//! Every module is for both sides ([`Audience::Both`]) and written in Spanish and English.
//!
//! Adding the set stores *copies*: each module becomes an ordinary module of the program, which
//! HR can then edit (wording, minutes, required or not, pass mark) or delete like any module they
//! wrote themselves. Changing the text here later does not touch modules already added.
//!
//! Words: the **mentor** is the junior employee who teaches, the **mentee** the senior employee
//! who learns (the same words, "mentor" and "mentee", in Spanish). Meetings are "reuniones" and
//! goals "objetivos", as in the rest of the Spanish interface.

use super::{Audience, ModuleInput, ModuleKind, QuizQuestion, Texts};

/// The five starter modules, in the order participants should take them.
///
/// Each one passes [`super::validate_module`] unchanged. The caller stores them as new modules
/// of the program; from then on they belong to the program and HR may edit them.
pub fn starter_set() -> Vec<ModuleInput> {
    vec![
        reading(
            ("La mentoría inversa y el acuerdo del programa", AGREEMENT_ES),
            ("Reverse mentoring and the program agreement", AGREEMENT_EN),
            7,
            true,
        ),
        ModuleInput {
            items: vec![
                t(
                    "Guardé el móvil y silencié las notificaciones antes de empezar.",
                    "I put my phone away and silenced notifications before we started.",
                ),
                t(
                    "Hice al menos dos preguntas abiertas (cómo, qué, para qué) antes de proponer nada.",
                    "I asked at least two open questions (how, what, what for) before suggesting anything.",
                ),
                t(
                    "Resumí con mis palabras lo que me contó la otra persona y le pregunté si lo había entendido bien.",
                    "I summarised in my own words what the other person told me and asked whether I had understood it correctly.",
                ),
                t(
                    "Dejé que al menos un silencio durase sin rellenarlo.",
                    "I let at least one silence last without filling it.",
                ),
                t(
                    "No interrumpí: cuando se me ocurría algo, lo apuntaba y esperaba mi turno.",
                    "I did not interrupt: when something came to mind, I noted it down and waited for my turn.",
                ),
                t(
                    "Pregunté por algo que la otra persona mencionó de pasada o que pareció incomodarle.",
                    "I asked about something the other person mentioned in passing or that seemed to make them uneasy.",
                ),
                t(
                    "Al final pregunté: «¿Qué te ha resultado más útil hoy y qué cambiarías para la próxima vez?».",
                    "At the end I asked: \"What was most useful today, and what would you change next time?\"",
                ),
            ],
            ..base(
                ModuleKind::Checklist,
                (
                    "Escucha activa: ponla en práctica en tu próxima reunión",
                    LISTENING_ES,
                ),
                ("Active listening: practise it in your next meeting", LISTENING_EN),
                5,
                true,
            )
        },
        ModuleInput {
            questions: vec![
                q(
                    (
                        "Tu mentee lleva varios minutos buscando un documento carpeta por carpeta. ¿Cuál es la forma más útil de decírselo?",
                        "Your mentee has spent several minutes looking for a document folder by folder. What is the most useful way to tell them?",
                    ),
                    &[
                        (
                            "«Deberías organizar mejor tus archivos».",
                            "\"You should organise your files better.\"",
                        ),
                        (
                            "No decir nada para no incomodarle y comentarlo al final del programa.",
                            "Say nothing so as not to make them uncomfortable, and bring it up at the end of the program.",
                        ),
                        (
                            "«He visto que has mirado en tres carpetas; con el buscador lo encontrarías en segundos. ¿Lo probamos?».",
                            "\"I saw you looked in three folders; with the search bar you would find it in seconds. Shall we try?\"",
                        ),
                        (
                            "Encontrárselo tú rápidamente para que la reunión avance.",
                            "Find it for them quickly so that the meeting can move on.",
                        ),
                    ],
                    2,
                ),
                q(
                    (
                        "Tu mentor te comenta que tus mensajes en el chat del equipo son demasiado largos. ¿Cuál es una buena primera respuesta?",
                        "Your mentor points out that your messages in the team chat are too long. What is a good first response?",
                    ),
                    &[
                        (
                            "Explicarle por qué siempre has escrito así, para que entienda el contexto.",
                            "Explain why you have always written this way, so that they understand the context.",
                        ),
                        (
                            "«Gracias por decírmelo. ¿Me enseñas un ejemplo de cómo lo escribirías tú?».",
                            "\"Thanks for telling me. Could you show me an example of how you would write it?\"",
                        ),
                        (
                            "Darle la razón para no perder tiempo y seguir como hasta ahora.",
                            "Agree with them so as not to waste time, and carry on as before.",
                        ),
                    ],
                    1,
                ),
                q(
                    (
                        "¿Cuándo y dónde es mejor que el mentor le dé feedback al mentee?",
                        "When and where is it best for the mentor to give the mentee feedback?",
                    ),
                    &[
                        (
                            "En privado, durante la reunión y poco después de que haya pasado.",
                            "In private, during the meeting, and close to when it happened.",
                        ),
                        (
                            "En una reunión de equipo, para que los demás también aprendan.",
                            "In a team meeting, so that others can learn from it too.",
                        ),
                        (
                            "Por correo después de la reunión, para que quede por escrito.",
                            "By email after the meeting, so that there is a written record.",
                        ),
                        (
                            "En la valoración final del programa, para que sea anónimo.",
                            "In the program's closing questionnaire, so that it is anonymous.",
                        ),
                    ],
                    0,
                ),
                q(
                    (
                        "¿Qué conseguís al acordar en la primera reunión cómo os vais a dar feedback?",
                        "What do you gain by agreeing in your first meeting how you will give each other feedback?",
                    ),
                    &[
                        (
                            "Dejar fijados los temas de los que nunca se puede hablar.",
                            "You settle which topics can never be discussed.",
                        ),
                        (
                            "Que el feedback vaya solo del mentor al mentee, que es quien aprende.",
                            "Feedback then flows only from the mentor to the mentee, who is the one learning.",
                        ),
                        (
                            "Que el mentor tenga permiso explícito para hablar con franqueza y no tenga que buscarlo cada vez.",
                            "The mentor has explicit permission to speak frankly and does not have to look for it every time.",
                        ),
                    ],
                    2,
                ),
            ],
            pass_percent: 75,
            ..base(
                ModuleKind::Quiz,
                (
                    "Dar feedback hacia arriba y recibirlo de alguien más junior",
                    FEEDBACK_ES,
                ),
                (
                    "Giving feedback upwards and receiving it from someone more junior",
                    FEEDBACK_EN,
                ),
                7,
                true,
            )
        },
        reading(
            ("Cómo llevar una reunión de 45 minutos", MEETING_ES),
            ("How to run a 45-minute meeting", MEETING_EN),
            5,
            false,
        ),
        ModuleInput {
            questions: vec![
                q(
                    (
                        "En una reunión de equipo, tu responsable te pregunta qué tal va el programa. ¿Qué puedes contar?",
                        "In a team meeting, your manager asks how the program is going. What can you share?",
                    ),
                    &[
                        (
                            "Nada en absoluto: incluso decir que participas rompe la confidencialidad.",
                            "Nothing at all: even saying that you take part breaks confidentiality.",
                        ),
                        (
                            "Lo que has aprendido, en términos generales, sin repetir lo que la otra persona dijo en vuestras reuniones.",
                            "What you have learned, in general terms, without repeating what the other person said in your meetings.",
                        ),
                        (
                            "Todo lo que quiera saber, porque es responsable de tu desarrollo.",
                            "Anything they want to know, since they are responsible for your development.",
                        ),
                    ],
                    1,
                ),
                q(
                    (
                        "Tu mentee reconoce que nunca ha creado un documento compartido y se nota que le da apuro. ¿Qué respuesta ayuda a crear seguridad psicológica?",
                        "Your mentee admits they have never created a shared document, and you can tell they feel embarrassed. Which response helps build psychological safety?",
                    ),
                    &[
                        (
                            "«Nadie nace sabiendo. Vamos a crear uno juntos ahora, tú al teclado».",
                            "\"Nobody is born knowing this. Let's create one together now, with you at the keyboard.\"",
                        ),
                        (
                            "«No te preocupes, te lo creo yo y así no perdemos tiempo».",
                            "\"Don't worry, I'll create it for you so that we don't waste time.\"",
                        ),
                        (
                            "Cambiar de tema para no incomodarle más.",
                            "Change the subject so as not to make them more uncomfortable.",
                        ),
                    ],
                    0,
                ),
                q(
                    (
                        "En una reunión, la otra persona menciona algo que apunta a un incumplimiento grave de las normas de la empresa que pone en riesgo a otra persona. ¿Qué haces?",
                        "In a meeting, the other person mentions something that points to a serious breach of company policy that puts someone else at risk. What do you do?",
                    ),
                    &[
                        (
                            "Guardártelo: todo lo que se dice en las reuniones es confidencial.",
                            "Keep it to yourself: everything said in your meetings is confidential.",
                        ),
                        (
                            "Investigarlo por tu cuenta antes de decir nada, para asegurarte.",
                            "Look into it yourself before saying anything, to make sure.",
                        ),
                        (
                            "Hablar con RR. HH.: es la excepción a la confidencialidad.",
                            "Talk to HR: this is the exception to confidentiality.",
                        ),
                        (
                            "Contárselo a tu equipo para que estén atentos.",
                            "Tell your team so that they can be careful.",
                        ),
                    ],
                    2,
                ),
            ],
            // Every answer must be right: 2 of 3 scores 66 %, so any mark from 67 to 100 means
            // 3 of 3 here. 100 says so on HR's form, and still means "all right" if HR adds a
            // question; 67 would read as "two thirds" and quietly turn into 3 of 4.
            pass_percent: 100,
            ..base(
                ModuleKind::Quiz,
                ("Confidencialidad y seguridad psicológica", SAFETY_ES),
                ("Confidentiality and psychological safety", SAFETY_EN),
                5,
                true,
            )
        },
    ]
}

fn t(es: &str, en: &str) -> Texts {
    Texts::new(es, en)
}

fn q(prompt: (&str, &str), options: &[(&str, &str)], correct: usize) -> QuizQuestion {
    QuizQuestion {
        prompt: t(prompt.0, prompt.1),
        options: options.iter().map(|&(es, en)| t(es, en)).collect(),
        correct,
    }
}

/// A module for both sides with nothing of its kind filled in yet.
fn base(kind: ModuleKind, es: (&str, &str), en: (&str, &str), minutes: u32, required: bool) -> ModuleInput {
    ModuleInput {
        title_es: es.0.to_owned(),
        title_en: en.0.to_owned(),
        body_es: es.1.to_owned(),
        body_en: en.1.to_owned(),
        kind,
        url: String::new(),
        minutes,
        audience: Audience::Both,
        required,
        items: Vec::new(),
        questions: Vec::new(),
        pass_percent: 0,
    }
}

fn reading(es: (&str, &str), en: (&str, &str), minutes: u32, required: bool) -> ModuleInput {
    base(ModuleKind::Reading, es, en, minutes, required)
}

const AGREEMENT_ES: &str = "\
## Qué es la mentoría inversa

En la mentoría de siempre, alguien con más años en la empresa guía a alguien con menos. La \
mentoría inversa le da la vuelta a propósito: una persona más junior, el **mentor**, ayuda a un \
compañero o compañera con más trayectoria, el **mentee**, a manejarse con soltura con las \
herramientas digitales, la inteligencia artificial y las nuevas formas de trabajar. A cambio, el \
mentee comparte lo que le han enseñado sus años de experiencia: cómo se toman de verdad las \
decisiones aquí, cómo llevar una conversación difícil o cómo hacer crecer una carrera.

Funciona porque cada uno sabe cosas que el otro no sabe. El mentor ve a diario cómo trabaja un \
equipo con el chat, los documentos compartidos o un asistente de IA, y qué hábitos ahorran horas. \
El mentee conoce el contexto que explica por qué las cosas se hacen como se hacen y qué cambios \
acaban calando. Ninguno de los dos es experto en todo, y de eso se trata.

## Por qué lo hace la empresa

- Las personas con más trayectoria aprenden herramientas y hábitos a su ritmo, en privado y sin \
tener que preguntar delante de su equipo.
- Las personas más junior conocen la organización por dentro y practican explicar, escuchar e \
influir.
- Entre los dos creáis una relación entre niveles y departamentos que difícilmente surgiría de otra \
manera.

## Lo que no es

- **No es un curso.** No hay temario: trabajáis sobre lo que el mentee necesita en su trabajo real \
este mes.
- **No es soporte técnico.** Se trata de que el mentee aprenda a hacerlo, no de que el mentor se lo \
haga.
- **No es una evaluación.** Nada de lo que se dice en vuestras reuniones cuenta para la evaluación \
del desempeño de nadie.
- **No es un atajo.** El mentor no usa la relación para pedir favores ni ascensos, y el mentee no \
la usa para enterarse de lo que pasa en el equipo del mentor.

## El acuerdo: qué os pide a los dos

Antes de empezar, cada uno acepta el acuerdo del programa. Estos son sus puntos principales y lo \
que significan en la práctica.

### Confidencialidad

Lo que se habla en vuestras reuniones queda entre vosotros. Puedes contar lo que has aprendido en \
términos generales («ahora preparo mis informes con una plantilla compartida»), pero nunca lo que \
la otra persona te ha contado sobre sí misma, su equipo o sus dudas. Si quieres compartir algo \
concreto, pregunta antes. Hay una sola excepción: si te enteras de un riesgo para la seguridad de \
alguien o de un incumplimiento grave de la ley o de las normas de la empresa, habla con RR. HH.

### Frecuencia

Acordad cada cuánto os vais a reunir, según lo que proponga el programa (lo habitual es una reunión \
de 45 minutos cada dos o tres semanas), y poned ya las próximas fechas en el calendario. Si tienes \
que cancelar, avisa cuanto antes y propón otra fecha en el mismo mensaje. Los silencios largos son \
lo que hace que muchas parejas se vayan apagando.

### Objetivos

En la primera reunión, cada uno escribe dos o tres objetivos: lo que quiere aprender el mentee y lo \
que quiere aprender el mentor. Un buen objetivo es concreto y deja ver cuándo se ha cumplido: \
«preparar mi informe mensual con un asistente de IA y revisar el resultado por mi cuenta» funciona \
mejor que «aprender sobre IA». Revisadlos cada pocas reuniones: marcad lo conseguido, ajustad lo \
que haya cambiado y dad por abandonado lo que ya no tenga sentido. Abandonar un objetivo está bien; \
olvidarlo, no.

Algunos ejemplos para arrancar:

- Mentee: «Llevar las notas de la reunión semanal de mi equipo en un documento compartido en lugar \
de por correo».
- Mentee: «Usar un asistente de IA para hacer un primer borrador de una propuesta y saber qué \
revisar antes de enviarla».
- Mentor: «Entender cómo se toman las decisiones de presupuesto en mi área».
- Mentor: «Presentar un proyecto ante un comité de dirección con seguridad».

### Respeto y compromiso

Sé puntual, deja el móvil a un lado y trae lo que acordasteis. El cargo se queda en la puerta: el \
mentee acepta ser quien aprende, pregunta cuando algo no le queda claro y prueba cosas entre una \
reunión y otra; el mentor se compromete a hablar con franqueza y a preparar cada reunión. \
Cualquiera de los dos puede decir «no lo sé», y cualquiera de los dos puede decir «esto no me ha \
funcionado».

## Vuestra primera reunión

La primera reunión marca el tono de las demás. Dedicadla a conoceros más que a las herramientas:

- Contaos a qué os dedicáis, cómo es una semana normal y qué esperáis sacar del programa.
- Repasad juntos el acuerdo y poned en palabras los detalles prácticos: cada cuánto y dónde os vais \
a ver, por qué canal avisáis si hay que cambiar una fecha y cómo queréis daros feedback.
- Escribid vuestros primeros objetivos, aunque estén en bruto; los iréis afinando en las \
siguientes reuniones.
- Antes de despediros, fijad la fecha de la segunda reunión.

## Cerrar bien

Cada programa tiene una duración prevista. Cuando se acerque el final:

1. Dedicad la penúltima reunión a repasar vuestros objetivos: ¿qué ha cambiado desde el primer día?
2. En la última, contaos qué os lleváis y qué vais a seguir haciendo por vuestra cuenta.
3. Decidid juntos si queréis seguir en contacto y cómo, sin compromiso.
4. Responde a la valoración final del programa si RR. HH. te la envía: ayuda a mejorar la \
siguiente edición.

Si la pareja deja de funcionar antes de tiempo (no hay química, no hay tiempo o uno de los dos \
cambia de puesto), decidlo pronto y con tacto, y hablad con RR. HH. Terminar una pareja antes de \
tiempo no es un fracaso. Dejar que se apague sin decir nada es peor para los dos.";

const AGREEMENT_EN: &str = "\
## What reverse mentoring is

In classic mentoring, someone with more years at the company guides someone with fewer. Reverse \
mentoring turns this around on purpose: a junior colleague, the **mentor**, helps a senior \
colleague, the **mentee**, get comfortable with digital tools, artificial intelligence and new \
ways of working. In return, the mentee shares what years of experience have taught them: how \
decisions really get made here, how to handle a difficult conversation, how to grow a career.

It works because each of you knows things the other does not. The mentor sees every day how a team \
works with chat, shared documents or an AI assistant, and which habits save hours. The mentee \
knows the context that explains why things are done the way they are, and which changes tend to \
stick. Neither of you is the expert on everything, and that is the point.

## Why the company does it

- Senior people learn tools and habits at their own pace, in private, without having to ask in \
front of their team.
- Junior people get to know the organisation from the inside and practise explaining, listening \
and influencing.
- Together you build a relationship across levels and departments that would rarely happen \
otherwise.

## What it is not

- **It is not a course.** There is no syllabus: you work on what the mentee needs in their real \
job this month.
- **It is not technical support.** The aim is for the mentee to learn to do it, not for the mentor \
to do it for them.
- **It is not an assessment.** Nothing said in your meetings counts towards anyone's performance \
review.
- **It is not a shortcut.** The mentor does not use the relationship to ask for favours or \
promotions, and the mentee does not use it to find out what is going on in the mentor's team.

## The agreement: what it asks of both of you

Before you start, each of you accepts the program agreement. These are its main points and what \
they mean in practice.

### Confidentiality

What is said in your meetings stays between the two of you. You can share what you have learned in \
general terms (\"I now prepare my reports with a shared template\"), but never what the other \
person told you about themselves, their team or their doubts. If you want to pass something \
specific on, ask first. There is only one exception: if you learn of a risk to someone's safety or \
a serious breach of the law or of company policy, talk to HR.

### Cadence

Agree how often you will meet, following what the program suggests (usually a 45-minute meeting \
every two or three weeks), and put the next dates in your calendars now. If you need to cancel, \
say so as early as you can and propose another date in the same message. Long silences are how \
many pairs fade away.

### Goals

In your first meeting, each of you writes down two or three goals: what the mentee wants to learn \
and what the mentor wants to learn. A good goal is specific and lets you see when it has been \
reached: \"prepare my monthly report with an AI assistant and check the result myself\" works \
better than \"learn about AI\". Review them every few meetings: mark what you have achieved, adjust \
what has changed and drop what no longer makes sense. Dropping a goal is fine; forgetting it is \
not.

Some examples to get you started:

- Mentee: \"Keep my team's weekly meeting notes in a shared document instead of sending them by \
email.\"
- Mentee: \"Use an AI assistant to draft a first version of a proposal, and know what to check \
before sending it.\"
- Mentor: \"Understand how budget decisions are made in my area.\"
- Mentor: \"Present a project to a management committee with confidence.\"

### Respect and commitment

Be on time, put your phone away and bring what you agreed to bring. Rank stays at the door: the \
mentee accepts being the learner, asks when something is unclear and tries things out between \
meetings; the mentor commits to speaking frankly and to preparing each meeting. Either of you can \
say \"I don't know\", and either of you can say \"that didn't work for me\".

## Your first meeting

The first meeting sets the tone for the rest. Spend it getting to know each other rather than on \
tools:

- Tell each other about your jobs, what a normal week looks like and what you hope to get out of \
the program.
- Go through the agreement together and put the practical details into words: how often and where \
you will meet, which channel you use to move a date, and how you want to give each other feedback.
- Write down your first goals, even if they are rough; you will refine them over the next few \
meetings.
- Before you leave, set the date of your second meeting.

## Ending well

Each program has a planned length. As the end approaches:

1. Use the second-to-last meeting to review your goals: what is different from the first day?
2. In the last one, tell each other what you are taking away and what you will keep doing on your \
own.
3. Decide together whether you want to stay in touch and how, with no obligation either way.
4. Answer the program's closing questionnaire if HR sends you one: it helps to improve the next \
edition.

If the pair stops working before the end (there is no chemistry, no time, or one of you changes \
role), say so early and kindly, and talk to HR. Ending a pair early is not a failure. Letting it \
fade away without a word is worse for both of you.";

const LISTENING_ES: &str = "\
## Por qué aquí escuchar importa todavía más

En la mentoría inversa, los dos estáis fuera de vuestro papel habitual. El mentee está \
acostumbrado a ser quien tiene las respuestas; el mentor, a escuchar a personas con más \
trayectoria sin decir todo lo que piensa. Escuchar bien es lo que os permite descubrir qué \
necesita de verdad la otra persona, más allá de lo que cuenta en el primer minuto.

Escuchar de forma activa no es quedarse en silencio mientras la otra persona habla. Es prestarle \
toda tu atención, comprobar que has entendido y demostrarlo antes de responder o proponer nada.

## Cómo se nota

- **Atención.** El móvil boca abajo y las notificaciones en silencio. Miras a la persona, no a la \
pantalla, salvo cuando estáis trabajando en ella juntos.
- **Silencio.** Después de preguntar, espera. Tres segundos sin hablar se hacen largos, pero muchas \
veces es entonces cuando llega la respuesta útil.
- **Preguntas abiertas.** «¿Cómo lo haces ahora?» te cuenta más que «¿Usas la carpeta \
compartida?».
- **Parafrasear.** Repite con tus palabras lo que has entendido: «Entonces, lo que más tiempo te \
lleva es encontrar la última versión, ¿no?». Si no era eso, la otra persona te corregirá, y eso \
también sirve.
- **Curiosidad antes que soluciones.** Sobre todo el mentor sentirá la tentación de enseñar el \
truco enseguida. Primero entiende qué intenta hacer el mentee y para qué.
- **Fijarse en lo que no se dice.** Un suspiro, un «bueno, sí, más o menos» o un cambio de tema \
suelen esconder una duda o una incomodidad. Puedes nombrarlo con suavidad: «Me da la sensación de \
que esto no te convence».

## Trampas habituales

- **Preparar tu respuesta mientras la otra persona aún habla.** Si te pillas haciéndolo, vuelve a \
escuchar; tu respuesta puede esperar.
- **Saltar al «a mí también».** «Eso mismo me pasó a mí…» lleva la conversación hacia ti. Guarda \
tu anécdota para cuando te la pidan.
- **Resolverlo por la otra persona.** La solución más rápida casi nunca es la que más enseña.
- **Escuchar con un ojo en el correo.** En una videollamada, la otra persona lo nota aunque creas \
que no. Cierra las demás ventanas y, si puedes, deja la cámara encendida.

## Cómo usar esta lista

Lee los puntos antes de tu próxima reunión y tenlos presentes durante ella. Al terminar, marca los \
que de verdad hayas hecho. Si alguno te ha costado, es normal: déjalo sin marcar y trabájalo en la \
siguiente reunión. El módulo queda completado cuando los hayas marcado todos, aunque te lleve más \
de una reunión.";

const LISTENING_EN: &str = "\
## Why listening matters even more here

In reverse mentoring, both of you are outside your usual role. The mentee is used to being the one \
with the answers; the mentor is used to listening to more senior people without saying everything \
they think. Listening well is what lets you find out what the other person really needs, beyond \
what they say in the first minute.

Active listening is not keeping quiet while the other person talks. It means giving them your full \
attention, checking that you have understood and showing it, before you answer or suggest \
anything.

## What it looks like

- **Attention.** Phone face down and notifications off. You look at the person, not at the screen, \
unless you are working on it together.
- **Silence.** After asking, wait. Three seconds without speaking feel long, but that is often when \
the useful answer arrives.
- **Open questions.** \"How do you do it now?\" tells you more than \"Do you use the shared \
folder?\".
- **Paraphrasing.** Say in your own words what you have understood: \"So what takes you longest is \
finding the latest version, right?\". If that was not it, the other person will correct you, and \
that helps too.
- **Curiosity before solutions.** The mentor especially will be tempted to show the trick straight \
away. First understand what the mentee is trying to do, and why.
- **Noticing what is not said.** A sigh, a \"well, yes, more or less\" or a change of subject often \
hide a doubt or some discomfort. You can name it gently: \"I get the feeling you're not convinced \
by this\".

## Traps to watch for

- **Preparing your answer while the other person is still talking.** If you catch yourself doing \
it, go back to listening; your answer can wait.
- **Jumping to \"me too\".** \"The same thing happened to me…\" turns the conversation towards \
you. Save your story for when they ask for it.
- **Fixing it for them.** The quickest solution is rarely the one that teaches the most.
- **Listening with one eye on your inbox.** On a video call, the other person notices even when \
you think they cannot. Close other windows and, if you can, keep your camera on.

## How to use this checklist

Read the items before your next meeting and keep them in mind during it. Afterwards, tick the ones \
you really did. If one was hard, that is normal: leave it unticked and work on it in your next \
meeting. The module is complete once you have ticked them all, even if it takes more than one \
meeting.";

const FEEDBACK_ES: &str = "\
## Por qué cuesta, en las dos direcciones

En la mentoría inversa el feedback va en los dos sentidos, y los dos cuestan. El mentor tiene que \
decirle a alguien con más trayectoria que algo se puede hacer mejor; es normal temer pasarse de la \
raya o que tenga consecuencias. El mentee tiene que oírlo de alguien más joven, justo en un momento \
de menos seguridad, porque está aprendiendo algo nuevo. Saberlo de antemano ayuda: si os resulta \
incómodo, no significa que lo estéis haciendo mal.

## Antes de empezar, acordadlo

En la primera reunión, decid de forma explícita que queréis oír feedback sincero y cómo preferís \
recibirlo. Por ejemplo: «Si ves que hago algo dando un rodeo, dímelo, aunque sea a mitad de la \
tarea». Ese acuerdo le da permiso al mentor y le ahorra tener que buscarlo cada vez.

## Dar feedback hacia arriba (sobre todo para el mentor)

- **Habla de una situación concreta.** «Cuando antes has buscado el archivo en tres carpetas…» en \
lugar de «Te organizas un poco mal».
- **Describe lo que has visto y su efecto, no a la persona.** «Te ha llevado diez minutos, y con \
el buscador se tarda unos segundos».
- **Propón una alternativa y deja que la pruebe.** Enséñala una vez y después pásale el teclado.
- **Elige el momento.** En privado, durante la reunión y poco después de que haya pasado. Nunca \
delante de su equipo.
- **No lo suavices hasta que desaparezca.** Tratar a alguien con respeto no significa decirle \
«todo bien» cuando no lo está. Tu mentee está aquí precisamente para oír lo que otros no le dicen.

## Recibir feedback de alguien más junior (sobre todo para el mentee)

- **Primero agradece, luego comenta.** Decirle algo con franqueza a alguien con más trayectoria \
requiere valor. Un «gracias por decírmelo» hace más fácil la próxima vez.
- **Pide un ejemplo si no lo ves claro.** «¿Me enseñas cuándo lo he hecho?» es curiosidad, no una \
defensa.
- **Date cuenta de cuándo estás a punto de justificarte.** Explicar por qué siempre lo has hecho \
así es tentador; prueba antes la otra forma.
- **Separa el qué del quién.** El feedback habla de una forma de trabajar, no de tu experiencia ni \
de tu valía.
- **Cuéntale qué has hecho con lo que te dijo.** En la siguiente reunión, comenta lo que probaste. \
Es la mejor prueba de que su feedback sirvió.

## Y al revés

El mentee también da feedback al mentor: sobre cómo explica, sobre su ritmo o sobre cómo se le \
percibe en una reunión con otras áreas. Valen las mismas reglas: concreto, sobre lo que hace y no \
sobre cómo es, en privado y con una alternativa.

## Cuando no sale bien

A veces el feedback duele o sale con torpeza. No es motivo para dejar de darlo:

- Si notas que la otra persona se ha cerrado, dilo: «Creo que me he explicado mal. Lo que quería \
decir es…».
- Si quien reaccionó mal fuiste tú, retómalo: «El otro día me puse a la defensiva. ¿Me lo vuelves \
a contar?». Pocas cosas generan tanta confianza.
- Si un mismo tema se atasca una y otra vez, sacadlo al principio de una reunión en lugar de dejar \
que se acumule.";

const FEEDBACK_EN: &str = "\
## Why it is hard, in both directions

In reverse mentoring, feedback goes both ways, and both directions take effort. The mentor has to \
tell someone more senior that something could be done better; it is natural to fear overstepping, \
or that it might have consequences. The mentee has to hear it from someone younger, at a moment \
when they already feel less sure of themselves because they are learning something new. Knowing \
this in advance helps: if it feels uncomfortable, that does not mean you are doing it wrong.

## Before you start, agree on it

In your first meeting, say explicitly that you want honest feedback, and how you prefer to receive \
it. For example: \"If you see me doing something the long way round, tell me, even in the middle \
of it\". That agreement gives the mentor permission, and saves them having to look for it every \
time.

## Giving feedback upwards (mainly for the mentor)

- **Talk about a specific situation.** \"When you looked for the file in three folders earlier…\" \
rather than \"You're a bit disorganised\".
- **Describe what you saw and its effect, not the person.** \"It took you ten minutes, and with the \
search bar it takes a few seconds\".
- **Offer an alternative and let them try it.** Show it once, then hand over the keyboard.
- **Choose the moment.** In private, during the meeting, and close to when it happened. Never in \
front of their team.
- **Do not soften it until it disappears.** Treating someone with respect does not mean saying \
\"it's all fine\" when it is not. Your mentee is here precisely to hear what others do not tell \
them.

## Receiving feedback from someone more junior (mainly for the mentee)

- **Thank them first, discuss it later.** Saying something frank to someone more senior takes \
courage. A \"thanks for telling me\" makes the next time easier.
- **Ask for an example if it is not clear.** \"Can you show me when I did that?\" is curiosity, not \
a defence.
- **Notice when you are about to justify yourself.** Explaining why you have always done it that \
way is tempting; try the other way first.
- **Separate the what from the who.** The feedback is about a way of working, not about your \
experience or your worth.
- **Tell them what you did with it.** In your next meeting, mention what you tried. It is the best \
proof that their feedback was useful.

## And the other way round

The mentee gives the mentor feedback too: on how they explain, on their pace, or on how they come \
across in a meeting with other departments. The same rules apply: specific, about what they do \
rather than who they are, in private and with an alternative.

## When it does not land well

Sometimes feedback stings, or comes out clumsily. That is no reason to stop giving it:

- If you notice the other person has closed up, say so: \"I think that came out wrong. What I \
meant was…\".
- If you were the one who reacted badly, come back to it: \"I got defensive last time. Could you \
tell me again?\". Few things build more trust.
- If the same topic keeps getting stuck, raise it at the start of a meeting rather than letting it \
build up.";

const MEETING_ES: &str = "\
## Una estructura que ayuda

Cuarenta y cinco minutos pasan volando. Una estructura sencilla, la misma cada vez, os permite \
dedicar la energía al contenido y no a decidir qué toca ahora. Adaptad los tiempos a vuestra \
pareja; lo importante es que no se quede ninguna parte fuera.

## Antes (5 minutos, cada uno por su cuenta)

- Repasa vuestros objetivos y lo que acordasteis la última vez.
- Mentee: apunta una o dos tareas reales de tu semana en las que te vendría bien ayuda. Una tarea \
real enseña más que un ejemplo inventado.
- Mentor: prepara lo que vayas a necesitar (un archivo de ejemplo, una cuenta de prueba, la \
herramienta abierta) y piensa una pregunta para empezar.
- Comprueba la sala o el enlace de la videollamada.

## Apertura (10 minutos)

- ¿Qué tal estás? Un par de minutos de conversación normal no son tiempo perdido.
- Qué ha pasado desde la última vez: qué has probado, qué ha funcionado, dónde te has atascado.
- Acordad el objetivo de hoy en una frase: «Al terminar, tendrás configurado tu primer \
recordatorio automático».

## Trabajo (30 minutos)

- Trabajad sobre una tarea real siempre que podáis, con el mentee al teclado. El mentor guía con \
preguntas e indicaciones, sin quitarle el ratón.
- Id paso a paso y comprobad que se entiende: «¿Qué harías ahora?» funciona mejor que «¿Está \
claro?».
- Si algo no sale a la primera, mejor: resolver un problema juntos enseña más que una \
demostración perfecta.
- Dejad sitio para la otra dirección: en algún momento, el mentee comparte algo de su experiencia \
que pueda servir al mentor (una reunión difícil que tiene por delante, una decisión que le toca \
tomar).
- Vigilad el reloj. En el minuto 40, parad aunque no hayáis terminado.

## Cierre (5 minutos)

- Cada uno dice en una frase qué se lleva.
- Acordad una acción pequeña para antes de la próxima reunión, sobre todo para el mentee (y también \
para el mentor, si trabaja en un objetivo propio), y apuntadla.
- Confirmad la fecha de la próxima reunión.
- Preguntaos brevemente: ¿qué cambiaríamos de cómo trabajamos?

## Después (5 minutos)

- Apuntad en las notas compartidas de la reunión lo que hicisteis, la acción acordada y cómo van \
los objetivos.
- Mentee: prueba la acción en los días siguientes, mientras la tienes fresca. Si te atascas, \
apúntalo para la próxima vez en lugar de dejarlo.
- Mentor: si prometiste enviar algo (un enlace, una plantilla), envíalo ese mismo día.

## Si os reunís en remoto

- Si podéis, encended la cámara: así es mucho más fácil ver cuándo algo no ha quedado claro.
- Que comparta pantalla el mentee: así trabajáis en su propio ordenador, con su configuración.
- Si el mentor toma el control remoto, que sea solo para señalar algo, nunca para hacerlo en su \
lugar.
- Poned el enlace de la llamada en la convocatoria del calendario para que nadie tenga que buscarlo \
en el último minuto.

## Cuando las cosas no salen como estaba previsto

- **Uno de los dos llega sin tiempo ni energía.** Acortad la reunión a 20 minutos y dejad fijada \
la siguiente. Mejor corta que cancelada.
- **La herramienta falla o falta un acceso.** Pasad a otro objetivo o usad el tiempo para \
planificar. Apuntad el problema para resolverlo antes de la próxima reunión.
- **La conversación se va por las ramas.** Apuntad el tema para otro día y volved al objetivo de \
hoy.
- **El mentee no ha probado la acción acordada.** Sin reproches: hacedla juntos al principio de la \
reunión y buscad una acción más pequeña para la próxima.";

const MEETING_EN: &str = "\
## A structure that helps

Forty-five minutes go by fast. A simple structure, the same every time, lets you spend your energy \
on the content rather than on deciding what comes next. Adapt the timings to your pair; what \
matters is that no part gets left out.

## Before (5 minutes, each on your own)

- Look over your goals and what you agreed last time.
- Mentee: note one or two real tasks from your week where some help would be welcome. A real task \
teaches more than an invented example.
- Mentor: prepare what you will need (a sample file, a test account, the tool already open) and \
think of a question to start with.
- Check the room or the video call link.

## Opening (10 minutes)

- How are you? A couple of minutes of ordinary conversation are not time wasted.
- What has happened since last time: what you tried, what worked, where you got stuck.
- Agree on today's goal in one sentence: \"By the end, you will have set up your first automatic \
reminder\".

## Working (30 minutes)

- Work on a real task whenever you can, with the mentee at the keyboard. The mentor guides with \
questions and pointers, without taking over the mouse.
- Go step by step and check understanding: \"What would you do now?\" works better than \"Is that \
clear?\".
- If something does not work first time, all the better: solving a problem together teaches more \
than a flawless demo.
- Leave room for the other direction: at some point, the mentee shares something from their \
experience that may help the mentor (a difficult meeting coming up, a decision they have to make).
- Keep an eye on the clock. At minute 40, stop even if you have not finished.

## Closing (5 minutes)

- Each of you says in one sentence what you are taking away.
- Agree on one small action before the next meeting, mainly for the mentee (and for the mentor \
too, if they are working on a goal of their own), and write it down.
- Confirm the date of your next meeting.
- Ask each other briefly: what would we change about how we work?

## After (5 minutes)

- Write in the meeting's shared notes what you did, the action you agreed and how your goals are \
going.
- Mentee: try the action in the next few days, while it is fresh. If you get stuck, write it down \
for next time instead of giving up.
- Mentor: if you promised to send something (a link, a template), send it the same day.

## If you meet online

- Keep your cameras on if you can: it makes it much easier to see when something is not clear.
- Let the mentee share their screen, so that you work on their own computer, with their own \
settings.
- If the mentor takes remote control, it should only be to point at something, never to do it for \
them.
- Put the call link in the calendar invitation so that nobody has to look for it at the last \
minute.

## When things do not go to plan

- **One of you arrives with no time or energy.** Cut the meeting to 20 minutes and fix the date of \
the next one. Short is better than cancelled.
- **The tool fails or an access is missing.** Switch to another goal or use the time to plan. Note \
the problem so it is solved before your next meeting.
- **The conversation drifts.** Note the topic for another day and go back to today's goal.
- **The mentee has not tried the agreed action.** No reproaches: do it together at the start of the \
meeting, and choose a smaller action for next time.";

const SAFETY_ES: &str = "\
## Por qué es la base de todo

Un mentee que no se atreve a decir «no sé hacer esto», o un mentor que no se atreve a decir «esto \
no está funcionando», no puede aprender nada en una reunión. La seguridad psicológica es la \
confianza en que puedes preguntar, equivocarte y discrepar sin que te pase factura. En una pareja \
con tanta diferencia de trayectoria no aparece sola: la construís entre los dos.

## La confidencialidad en la práctica

- Lo que la otra persona te cuenta sobre sí misma, su equipo, sus dudas o sus errores queda entre \
vosotros.
- Puedes compartir lo que aprendes en términos generales, sin identificar a nadie ni repetir lo que \
se dijo en confianza.
- Antes de contar algo concreto, pregunta: «¿Te importa si le enseño a mi equipo este truco que me \
has enseñado?».
- Si tomas notas, escríbelas como si la otra persona fuera a leerlas.
- La única excepción es un riesgo para la seguridad de alguien o un incumplimiento grave de la ley \
o de las normas de la empresa. En ese caso, habla con RR. HH.; no lo investigues ni lo comentes \
por tu cuenta.

## Cómo construir esa seguridad

- **El mentee marca el tono.** Si tú, con más trayectoria, reconoces lo que no sabes («nunca lo he \
usado, explícamelo como si empezara de cero»), le das permiso al mentor para reconocer también sus \
lagunas.
- **El mentor no juzga las lagunas.** Nadie nace sabiendo atajos de teclado. Evita los «¿cómo, que \
nunca has…?» y similares.
- **Los errores son material de trabajo.** Si algo sale mal mientras practicáis, miradlo juntos, \
con calma y sin buscar culpables.
- **Discrepar está permitido.** Cualquiera de los dos puede decir «yo lo veo de otra manera», y la \
otra persona escucha sin ponerse a la defensiva.
- **El cargo se queda en la puerta.** Lo que pasa en vuestras reuniones no afecta a la carrera del \
mentor ni a la autoridad del mentee en su equipo.

## Cuando la confianza se rompe

Si sientes que se ha roto la confidencialidad o que la relación te incomoda, háblalo primero con la \
otra persona si puedes. Si no puedes, o si no se resuelve, habla con RR. HH.: te ayudarán a \
reconducir la pareja, a ponerla en pausa o a terminarla sin que nadie tenga que dar explicaciones \
a su equipo.";

const SAFETY_EN: &str = "\
## Why this is the foundation

A mentee who does not dare to say \"I don't know how to do this\", or a mentor who does not dare to \
say \"this isn't working\", cannot learn anything in a meeting. Psychological safety is the \
confidence that you can ask, make mistakes and disagree without it counting against you. In a pair \
with such a gap in seniority it does not appear on its own: you build it together.

## Confidentiality in practice

- What the other person tells you about themselves, their team, their doubts or their mistakes \
stays between the two of you.
- You can share what you learn in general terms, without identifying anyone or repeating what was \
said in confidence.
- Before passing on something specific, ask: \"Do you mind if I show my team this trick you taught \
me?\".
- If you take notes, write them as if the other person were going to read them.
- The only exception is a risk to someone's safety or a serious breach of the law or of company \
policy. In that case, talk to HR; do not investigate it or discuss it on your own.

## How to build that safety

- **The mentee sets the tone.** If you, the more senior one, admit what you do not know (\"I've \
never used this, explain it to me as if I were starting from scratch\"), you give the mentor \
permission to admit their own gaps too.
- **The mentor does not judge the gaps.** Nobody is born knowing keyboard shortcuts. Avoid \"What, \
you've never…?\" and the like.
- **Mistakes are material to work with.** If something goes wrong while you practise, look at it \
together, calmly and without looking for someone to blame.
- **Disagreeing is allowed.** Either of you can say \"I see it differently\", and the other person \
listens without getting defensive.
- **Rank stays at the door.** What happens in your meetings does not affect the mentor's career or \
the mentee's authority in their team.

## When trust breaks

If you feel that confidentiality has been broken, or that the relationship makes you \
uncomfortable, talk to the other person first if you can. If you cannot, or if it does not get \
resolved, talk to HR: they can help you get the pair back on track, pause it or end it, without \
anyone having to explain themselves to their team.";

#[cfg(test)]
mod tests {
    use super::super::{MAX_BODY, MAX_LINE, MAX_TITLE, score_quiz, validate_module};
    use super::*;

    /// Every text of a module with where it comes from, as (place, Spanish, English).
    fn texts(m: &ModuleInput) -> Vec<(String, &str, &str)> {
        let mut all = vec![
            ("title".to_owned(), m.title_es.as_str(), m.title_en.as_str()),
            ("body".to_owned(), m.body_es.as_str(), m.body_en.as_str()),
        ];
        for (i, it) in m.items.iter().enumerate() {
            all.push((format!("item {i}"), &it.es, &it.en));
        }
        for (i, q) in m.questions.iter().enumerate() {
            all.push((format!("question {i}"), &q.prompt.es, &q.prompt.en));
            for (j, o) in q.options.iter().enumerate() {
                all.push((format!("question {i} option {j}"), &o.es, &o.en));
            }
        }
        all
    }

    #[test]
    fn every_module_is_valid_as_written() {
        for m in starter_set() {
            assert_eq!(validate_module(&m), Ok(m.clone()), "{}", m.title_en);
        }
    }

    #[test]
    fn five_modules_of_the_planned_kinds_for_both_sides() {
        let set = starter_set();
        let kinds: Vec<ModuleKind> = set.iter().map(|m| m.kind).collect();
        use ModuleKind::{Checklist, Quiz, Reading};
        assert_eq!(kinds, [Reading, Checklist, Quiz, Reading, Quiz]);
        let required: Vec<bool> = set.iter().map(|m| m.required).collect();
        assert_eq!(required, [true, true, true, false, true]);
        assert!(set.iter().all(|m| m.audience == Audience::Both));
        assert!(set.iter().all(|m| m.url.is_empty()));
        assert!((5..=7).contains(&set[1].items.len()));
        let passes: Vec<u8> = set.iter().map(|m| m.pass_percent).collect();
        assert_eq!(passes, [0, 0, 75, 0, 100]);
    }

    #[test]
    fn every_text_is_in_both_languages_and_within_limits() {
        for m in starter_set() {
            for (place, es, en) in texts(&m) {
                let at = format!("{}: {place}", m.title_en);
                assert!(!es.trim().is_empty() && !en.trim().is_empty(), "{at}");
                let limit = match place.as_str() {
                    "title" => MAX_TITLE,
                    "body" => MAX_BODY,
                    _ => MAX_LINE,
                };
                assert!(es.chars().count() <= limit && en.chars().count() <= limit, "{at}");
                // Plain Markdown: no HTML, images or links.
                for s in [es, en] {
                    assert!(!s.contains('<') && !s.contains("]("), "{at}");
                }
            }
            for body in [&m.body_es, &m.body_en] {
                assert!(
                    body.starts_with("## "),
                    "{}: a body opens with a heading",
                    m.title_en
                );
            }
        }
    }

    #[test]
    fn the_words_are_mentor_and_mentee_in_both_languages() {
        for m in starter_set() {
            for (place, es, en) in texts(&m) {
                let (es, en) = (es.to_lowercase(), en.to_lowercase());
                for other in ["mentorizad", "persona mentora", "aprendiz", "sesión", "sesiones"] {
                    assert!(!es.contains(other), "{}: {place}: {other}", m.title_en);
                }
                for other in ["mentoree", "protégé", "protege", "session"] {
                    assert!(!en.contains(other), "{}: {place}: {other}", m.title_en);
                }
            }
        }
    }

    #[test]
    fn quizzes_have_one_right_answer_in_range_and_distinct_options() {
        let mut right = Vec::new();
        for m in starter_set().into_iter().filter(|m| m.kind == ModuleKind::Quiz) {
            assert!((3..=5).contains(&m.questions.len()), "{}", m.title_en);
            for q in &m.questions {
                assert!((3..=4).contains(&q.options.len()), "{}", q.prompt.en);
                assert!(q.correct < q.options.len(), "{}", q.prompt.en);
                for lang in [|t: &Texts| t.es.clone(), |t: &Texts| t.en.clone()] {
                    let mut seen: Vec<String> = q.options.iter().map(lang).collect();
                    seen.sort();
                    seen.dedup();
                    assert_eq!(seen.len(), q.options.len(), "{}", q.prompt.en);
                }
                right.push(q.correct);
            }
        }
        // The right answer is not always in the same place.
        right.sort_unstable();
        right.dedup();
        assert!(right.len() >= 3, "{right:?}");
    }

    #[test]
    fn pass_marks_ask_for_what_they_say() {
        let set = starter_set();
        let all_right =
            |m: &ModuleInput| -> Vec<Option<usize>> { m.questions.iter().map(|q| Some(q.correct)).collect() };
        // Feedback: 3 of 4 passes, 2 of 4 does not.
        let feedback = &set[2];
        let mut answers = all_right(feedback);
        answers[0] = None;
        assert!(score_quiz(&feedback.questions, feedback.pass_percent, &answers).passed);
        answers[1] = None;
        assert!(!score_quiz(&feedback.questions, feedback.pass_percent, &answers).passed);
        // Confidentiality: every answer right; 2 of 3 (66 %) is not enough.
        let safety = &set[4];
        let mut answers = all_right(safety);
        assert!(score_quiz(&safety.questions, safety.pass_percent, &answers).passed);
        answers[2] = Some(0);
        assert!(!score_quiz(&safety.questions, safety.pass_percent, &answers).passed);
    }

    #[test]
    fn estimated_minutes_match_the_reading() {
        // Careful reading of training text at about 150 words a minute, 30 seconds to think over
        // each quiz question, 10 seconds to re-read each checklist item when ticking it; the
        // estimate is within a minute of that, in whichever language is longer.
        for m in starter_set() {
            assert!((5..=10).contains(&m.minutes), "{}", m.title_en);
            let words =
                |lang: fn(&(String, &str, &str)) -> usize| -> usize { texts(&m).iter().map(lang).sum() };
            let es = words(|t| t.1.split_whitespace().count());
            let en = words(|t| t.2.split_whitespace().count());
            let seconds = es.max(en) * 60 / 150 + 30 * m.questions.len() + 10 * m.items.len();
            let minutes = usize::try_from(m.minutes).unwrap_or(usize::MAX);
            assert!(
                (minutes - 1) * 60 <= seconds && seconds <= (minutes + 1) * 60,
                "{}: {seconds} s for {minutes} min",
                m.title_en
            );
        }
    }

    #[test]
    fn titles_are_unique_in_each_language() {
        let set = starter_set();
        for title in [
            |m: &ModuleInput| m.title_es.clone(),
            |m: &ModuleInput| m.title_en.clone(),
        ] {
            let mut titles: Vec<String> = set.iter().map(title).collect();
            titles.sort();
            titles.dedup();
            assert_eq!(titles.len(), set.len());
        }
    }
}
