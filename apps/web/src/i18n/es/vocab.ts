import type { vocab as en } from '../en/vocab';

/** Los vocabularios cerrados de la API, en palabras (español). */
export const vocab: typeof en = {
  leadSource: { HOTLINE: 'Línea directa', COMMUNITY_TIP: 'Aviso de la comunidad', PATROL: 'Patrulla', ONLINE: 'En línea', AGENCY_REFERRAL: 'Derivación de agencia', SELF_REPORT: 'Autodenuncia', HEALTHCARE: 'Atención médica', SCHOOL: 'Escuela', CHILD_WELFARE: 'Protección infantil', OTHER: 'Otra' },
  leadStatus: { NEW: 'Nueva', TRIAGED: 'Evaluada', PROMOTED: 'Convertida en caso', UNFOUNDED: 'Infundada', DUPLICATE: 'Duplicada' },
  leadPriority: { LOW: 'Baja', NORMAL: 'Normal', HIGH: 'Alta', URGENT: 'Urgente' },
  leadClosure: { UNFOUNDED: 'Infundada', DUPLICATE: 'Duplicada' },
  traffickingType: { SEX: 'Trata sexual', LABOR: 'Trata laboral', SEX_AND_LABOR: 'Sexual y laboral', UNDETERMINED: 'Sin determinar' },
  caseStatus: { OPEN: 'Abierto', ACTIVE: 'Activo', REFERRED_FOR_PROSECUTION: 'Remitido a la fiscalía', CHARGED: 'Con cargos', ADJUDICATED: 'Juzgado', CLOSED: 'Cerrado' },
  caseClosure: { RESOLVED: 'Resuelto', UNFOUNDED: 'Infundado', INSUFFICIENT_EVIDENCE: 'Pruebas insuficientes' },
  meansOfControl: { FORCE: 'Fuerza', FRAUD: 'Fraude', COERCION: 'Coerción' },
  shareAccess: { READ: 'Solo lectura', CONTRIBUTE: 'Colabora' },
  caseAccessLevel: { LEAD: 'Agencia principal', CONTRIBUTE: 'Colabora', READ: 'Lee' },
  subjectRole: { TRAFFICKER: 'Tratante', BUYER: 'Comprador', FACILITATOR: 'Facilitador', ASSOCIATE: 'Asociado' },
  subjectStatus: { UNIDENTIFIED: 'Sin identificar', UNDER_INVESTIGATION: 'Bajo investigación', ARRESTED: 'Detenido', CHARGED: 'Con cargos', CLEARED: 'Descartado' },
  chargeDisposition: { PENDING: 'Pendiente', DISMISSED: 'Desestimado', PLEA: 'Acuerdo de culpabilidad', CONVICTED: 'Condenado', ACQUITTED: 'Absuelto' },
  identifierKind: { PHONE: 'Teléfono', ADDRESS: 'Dirección', HANDLE: 'Usuario en línea', PLATE: 'Matrícula', PERSON: 'Persona (nombre y fecha de nacimiento)' },
  indicator: {
    CONTROLLED_IDENTITY_DOCUMENTS: 'Documentos de identidad en manos de otra persona', RESTRICTED_MOVEMENT: 'Movimiento restringido', OVERCROWDED_HOUSING: 'Vivienda hacinada',
    EXCESSIVE_HOURS_LOW_PAY: 'Horas excesivas, poco o ningún pago', SIGNS_OF_ABUSE: 'Señales de abuso', MINOR_IN_COMMERCIAL_SEX: 'Menor en comercio sexual',
    NOT_ALLOWED_TO_SPEAK_FOR_SELF: 'No se le permite hablar por sí mismo/a', TRANSPORTED_IN_GROUPS: 'Transportados en grupo', FORCED_CRIMINAL_ACTIVITY: 'Actividad delictiva forzada',
    DEBT_BONDAGE: 'Servidumbre por deudas', EARNINGS_TAKEN_BY_THIRD_PARTY: 'Otra persona se queda con sus ingresos', BRANDING_TATTOOS: 'Tatuajes de marca', OLDER_CONTROLLING_PARTNER: 'Pareja mayor controladora',
    ONLINE_ADVERTISEMENT: 'Anuncio en línea', UNAWARE_OF_LOCATION: 'No sabe dónde está', FEARFUL_SUBMISSIVE: 'Temeroso/a o sumiso/a', RECRUITMENT_FALSE_PROMISES: 'Reclutado/a con falsas promesas',
  },
  venue: {
    ESCORT_SERVICES: 'Servicios de acompañantes', ILLICIT_MASSAGE_HEALTH_BEAUTY: 'Masajes, salud y belleza ilícitos', OUTDOOR_SOLICITATION: 'Solicitud en la calle', RESIDENTIAL: 'Residencial',
    DOMESTIC_WORK: 'Trabajo doméstico', BARS_STRIP_CLUBS_CANTINAS: 'Bares, clubes de striptease y cantinas', PORNOGRAPHY: 'Pornografía', TRAVELING_SALES_CREWS: 'Equipos de venta itinerantes',
    RESTAURANTS_FOOD_SERVICE: 'Restaurantes y servicio de comidas', PEDDLING_BEGGING: 'Venta ambulante y mendicidad', AGRICULTURE_ANIMAL_HUSBANDRY: 'Agricultura y ganadería',
    PERSONAL_SEXUAL_SERVITUDE: 'Servidumbre sexual personal', HEALTH_BEAUTY_SERVICES: 'Servicios de salud y belleza', CONSTRUCTION: 'Construcción', HOTELS_HOSPITALITY: 'Hoteles y hostelería',
    LANDSCAPING: 'Jardinería', ILLICIT_ACTIVITIES: 'Actividades ilícitas', ARTS_ENTERTAINMENT: 'Arte y entretenimiento', COMMERCIAL_CLEANING: 'Limpieza comercial',
    FACTORIES_MANUFACTURING: 'Fábricas y manufactura', REMOTE_INTERACTIVE_SEXUAL_ACTS: 'Actos sexuales interactivos a distancia', CARNIVALS: 'Ferias', FORESTRY_LOGGING: 'Silvicultura y tala',
    HEALTH_CARE: 'Atención de salud', RECREATIONAL_FACILITIES: 'Instalaciones recreativas', OTHER: 'Otro',
  },
  homeWork: { leads: 'Mis pistas abiertas', cases: 'Mis casos abiertos', notices: 'Avisos de desconflicto', notice: '{{agency}} también trabaja un dato ({{kind}}) que usted registró: llámeles antes de actuar.' },
};
