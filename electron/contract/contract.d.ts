import { z } from 'zod';
/** [x0, y0, x1, y1] in PDF points (or image pixels), top-left origin. */
export declare const BBox: z.ZodTuple<[z.ZodNumber, z.ZodNumber, z.ZodNumber, z.ZodNumber], null>;
export type BBox = z.infer<typeof BBox>;
export declare const ErrorInfo: z.ZodObject<{
    code: z.ZodString;
    message: z.ZodString;
}, z.core.$strip>;
export type ErrorInfo = z.infer<typeof ErrorInfo>;
export declare const SourceKind: z.ZodEnum<{
    pdf: "pdf";
    image: "image";
    html: "html";
    url: "url";
}>;
export declare const SourceStatus: z.ZodEnum<{
    ingesting: "ingesting";
    ready: "ready";
    failed: "failed";
}>;
export declare const SourceInfo: z.ZodObject<{
    id: z.ZodString;
    name: z.ZodString;
    kind: z.ZodEnum<{
        pdf: "pdf";
        image: "image";
        html: "html";
        url: "url";
    }>;
    status: z.ZodEnum<{
        ingesting: "ingesting";
        ready: "ready";
        failed: "failed";
    }>;
    progress: z.ZodOptional<z.ZodObject<{
        phase: z.ZodString;
        done: z.ZodNumber;
        total: z.ZodNumber;
    }, z.core.$strip>>;
    error: z.ZodOptional<z.ZodObject<{
        code: z.ZodString;
        message: z.ZodString;
    }, z.core.$strip>>;
    title: z.ZodOptional<z.ZodString>;
    pageCount: z.ZodOptional<z.ZodNumber>;
    figureCount: z.ZodOptional<z.ZodNumber>;
    tableCount: z.ZodOptional<z.ZodNumber>;
    addedAt: z.ZodString;
}, z.core.$strip>;
export type SourceInfo = z.infer<typeof SourceInfo>;
export declare const PageSize: z.ZodObject<{
    index: z.ZodNumber;
    width: z.ZodNumber;
    height: z.ZodNumber;
}, z.core.$strip>;
export declare const FigureInfo: z.ZodObject<{
    id: z.ZodString;
    label: z.ZodString;
    caption: z.ZodString;
    page: z.ZodNumber;
    bbox: z.ZodTuple<[z.ZodNumber, z.ZodNumber, z.ZodNumber, z.ZodNumber], null>;
    asset: z.ZodOptional<z.ZodString>;
}, z.core.$strip>;
export type FigureInfo = z.infer<typeof FigureInfo>;
export declare const SourceDetail: z.ZodObject<{
    source: z.ZodObject<{
        id: z.ZodString;
        name: z.ZodString;
        kind: z.ZodEnum<{
            pdf: "pdf";
            image: "image";
            html: "html";
            url: "url";
        }>;
        status: z.ZodEnum<{
            ingesting: "ingesting";
            ready: "ready";
            failed: "failed";
        }>;
        progress: z.ZodOptional<z.ZodObject<{
            phase: z.ZodString;
            done: z.ZodNumber;
            total: z.ZodNumber;
        }, z.core.$strip>>;
        error: z.ZodOptional<z.ZodObject<{
            code: z.ZodString;
            message: z.ZodString;
        }, z.core.$strip>>;
        title: z.ZodOptional<z.ZodString>;
        pageCount: z.ZodOptional<z.ZodNumber>;
        figureCount: z.ZodOptional<z.ZodNumber>;
        tableCount: z.ZodOptional<z.ZodNumber>;
        addedAt: z.ZodString;
    }, z.core.$strip>;
    pages: z.ZodArray<z.ZodObject<{
        index: z.ZodNumber;
        width: z.ZodNumber;
        height: z.ZodNumber;
    }, z.core.$strip>>;
    figures: z.ZodArray<z.ZodObject<{
        id: z.ZodString;
        label: z.ZodString;
        caption: z.ZodString;
        page: z.ZodNumber;
        bbox: z.ZodTuple<[z.ZodNumber, z.ZodNumber, z.ZodNumber, z.ZodNumber], null>;
        asset: z.ZodOptional<z.ZodString>;
    }, z.core.$strip>>;
    tables: z.ZodArray<z.ZodObject<{
        id: z.ZodString;
        label: z.ZodString;
        caption: z.ZodString;
        page: z.ZodNumber;
        bbox: z.ZodTuple<[z.ZodNumber, z.ZodNumber, z.ZodNumber, z.ZodNumber], null>;
        asset: z.ZodOptional<z.ZodString>;
    }, z.core.$strip>>;
}, z.core.$strip>;
export type SourceDetail = z.infer<typeof SourceDetail>;
export declare const ImageData: z.ZodObject<{
    mime: z.ZodEnum<{
        "image/png": "image/png";
        "image/jpeg": "image/jpeg";
        "image/webp": "image/webp";
        "image/gif": "image/gif";
    }>;
    base64: z.ZodString;
}, z.core.$strip>;
export type ImageData = z.infer<typeof ImageData>;
export declare const PageImage: z.ZodObject<{
    mime: z.ZodEnum<{
        "image/png": "image/png";
        "image/jpeg": "image/jpeg";
        "image/webp": "image/webp";
        "image/gif": "image/gif";
    }>;
    base64: z.ZodString;
    page: z.ZodNumber;
    width: z.ZodNumber;
    height: z.ZodNumber;
    pointWidth: z.ZodNumber;
    pointHeight: z.ZodNumber;
}, z.core.$strip>;
export type PageImage = z.infer<typeof PageImage>;
export declare const SkillOptionInfo: z.ZodObject<{
    name: z.ZodString;
    type: z.ZodEnum<{
        string: "string";
        number: "number";
        boolean: "boolean";
        enum: "enum";
    }>;
    values: z.ZodOptional<z.ZodArray<z.ZodString>>;
    default: z.ZodOptional<z.ZodUnion<readonly [z.ZodString, z.ZodNumber, z.ZodBoolean]>>;
    description: z.ZodString;
}, z.core.$strip>;
export declare const SkillSummary: z.ZodObject<{
    id: z.ZodString;
    name: z.ZodString;
    description: z.ZodString;
    status: z.ZodEnum<{
        ready: "ready";
        "prompt-only": "prompt-only";
        broken: "broken";
    }>;
    error: z.ZodOptional<z.ZodString>;
    inputs: z.ZodArray<z.ZodString>;
    minInputs: z.ZodNumber;
    maxInputs: z.ZodNumber;
    outputs: z.ZodArray<z.ZodString>;
    provider: z.ZodEnum<{
        optional: "optional";
        none: "none";
        required: "required";
    }>;
    goal: z.ZodEnum<{
        optional: "optional";
        none: "none";
        required: "required";
    }>;
    options: z.ZodArray<z.ZodObject<{
        name: z.ZodString;
        type: z.ZodEnum<{
            string: "string";
            number: "number";
            boolean: "boolean";
            enum: "enum";
        }>;
        values: z.ZodOptional<z.ZodArray<z.ZodString>>;
        default: z.ZodOptional<z.ZodUnion<readonly [z.ZodString, z.ZodNumber, z.ZodBoolean]>>;
        description: z.ZodString;
    }, z.core.$strip>>;
}, z.core.$strip>;
export type SkillSummary = z.infer<typeof SkillSummary>;
export declare const OptionValue: z.ZodUnion<readonly [z.ZodString, z.ZodNumber, z.ZodBoolean]>;
export declare const RunStatus: z.ZodEnum<{
    failed: "failed";
    done: "done";
    running: "running";
    cancelled: "cancelled";
}>;
export declare const OutputInfo: z.ZodObject<{
    kind: z.ZodString;
    label: z.ZodString;
    path: z.ZodString;
    name: z.ZodString;
}, z.core.$strip>;
export type OutputInfo = z.infer<typeof OutputInfo>;
export declare const RunInfo: z.ZodObject<{
    id: z.ZodString;
    skillId: z.ZodString;
    goal: z.ZodString;
    sourceIds: z.ZodArray<z.ZodString>;
    options: z.ZodRecord<z.ZodString, z.ZodUnion<readonly [z.ZodString, z.ZodNumber, z.ZodBoolean]>>;
    providerId: z.ZodString;
    status: z.ZodEnum<{
        failed: "failed";
        done: "done";
        running: "running";
        cancelled: "cancelled";
    }>;
    startedAt: z.ZodString;
    endedAt: z.ZodOptional<z.ZodString>;
    attempts: z.ZodNumber;
    error: z.ZodOptional<z.ZodObject<{
        code: z.ZodString;
        message: z.ZodString;
    }, z.core.$strip>>;
    summary: z.ZodOptional<z.ZodString>;
    outputs: z.ZodArray<z.ZodObject<{
        kind: z.ZodString;
        label: z.ZodString;
        path: z.ZodString;
        name: z.ZodString;
    }, z.core.$strip>>;
}, z.core.$strip>;
export type RunInfo = z.infer<typeof RunInfo>;
/** One trace event of a run (agent RunEvents and skill events pass through with their own fields). */
export declare const TraceEvent: z.ZodObject<{
    type: z.ZodString;
    message: z.ZodString;
    runId: z.ZodString;
    step: z.ZodOptional<z.ZodNumber>;
    t: z.ZodOptional<z.ZodNumber>;
}, z.core.$catchall<z.ZodUnknown>>;
export type TraceEvent = z.infer<typeof TraceEvent>;
export declare const EvidenceRef: z.ZodObject<{
    sourceId: z.ZodString;
    page: z.ZodNumber;
    bbox: z.ZodOptional<z.ZodTuple<[z.ZodNumber, z.ZodNumber, z.ZodNumber, z.ZodNumber], null>>;
}, z.core.$strip>;
export type EvidenceRef = z.infer<typeof EvidenceRef>;
export declare const Evidence: z.ZodObject<{
    notes: z.ZodArray<z.ZodObject<{
        id: z.ZodString;
        text: z.ZodString;
        refs: z.ZodArray<z.ZodObject<{
            sourceId: z.ZodString;
            page: z.ZodNumber;
            bbox: z.ZodOptional<z.ZodTuple<[z.ZodNumber, z.ZodNumber, z.ZodNumber, z.ZodNumber], null>>;
        }, z.core.$strip>>;
    }, z.core.$strip>>;
    visuals: z.ZodArray<z.ZodObject<{
        id: z.ZodString;
        caption: z.ZodString;
        ref: z.ZodObject<{
            sourceId: z.ZodString;
            page: z.ZodNumber;
            bbox: z.ZodOptional<z.ZodTuple<[z.ZodNumber, z.ZodNumber, z.ZodNumber, z.ZodNumber], null>>;
        }, z.core.$strip>;
        image: z.ZodOptional<z.ZodObject<{
            mime: z.ZodEnum<{
                "image/png": "image/png";
                "image/jpeg": "image/jpeg";
                "image/webp": "image/webp";
                "image/gif": "image/gif";
            }>;
            base64: z.ZodString;
        }, z.core.$strip>>;
    }, z.core.$strip>>;
}, z.core.$strip>;
export type Evidence = z.infer<typeof Evidence>;
export declare const Preview: z.ZodObject<{
    report: z.ZodOptional<z.ZodString>;
    site: z.ZodOptional<z.ZodString>;
    slides: z.ZodOptional<z.ZodArray<z.ZodString>>;
}, z.core.$strip>;
export type Preview = z.infer<typeof Preview>;
export declare const ExportKind: z.ZodEnum<{
    site: "site";
    pptx: "pptx";
    markdown: "markdown";
}>;
export type ExportKind = z.infer<typeof ExportKind>;
export declare const ProviderSettings: z.ZodObject<{
    id: z.ZodString;
    label: z.ZodString;
    kind: z.ZodEnum<{
        offline: "offline";
        "openai-compatible": "openai-compatible";
    }>;
    preset: z.ZodOptional<z.ZodString>;
    baseUrl: z.ZodOptional<z.ZodURL>;
    model: z.ZodOptional<z.ZodString>;
}, z.core.$strip>;
export type ProviderSettings = z.infer<typeof ProviderSettings>;
export declare const Settings: z.ZodObject<{
    appearance: z.ZodEnum<{
        system: "system";
        light: "light";
        dark: "dark";
    }>;
    deckTheme: z.ZodString;
    network: z.ZodBoolean;
    executionProvider: z.ZodEnum<{
        cpu: "cpu";
        cuda: "cuda";
        auto: "auto";
    }>;
    activeProviderId: z.ZodString;
    providers: z.ZodArray<z.ZodObject<{
        id: z.ZodString;
        label: z.ZodString;
        kind: z.ZodEnum<{
            offline: "offline";
            "openai-compatible": "openai-compatible";
        }>;
        preset: z.ZodOptional<z.ZodString>;
        baseUrl: z.ZodOptional<z.ZodURL>;
        model: z.ZodOptional<z.ZodString>;
        hasKey: z.ZodBoolean;
    }, z.core.$strip>>;
}, z.core.$strip>;
export type Settings = z.infer<typeof Settings>;
export declare const ProjectInfo: z.ZodObject<{
    dir: z.ZodString;
    name: z.ZodString;
    createdAt: z.ZodString;
}, z.core.$strip>;
export type ProjectInfo = z.infer<typeof ProjectInfo>;
export declare const AppInfo: z.ZodObject<{
    mode: z.ZodEnum<{
        electron: "electron";
        browser: "browser";
    }>;
    version: z.ZodString;
    nativeDialogs: z.ZodBoolean;
    themes: z.ZodArray<z.ZodString>;
    presets: z.ZodArray<z.ZodObject<{
        id: z.ZodString;
        label: z.ZodString;
        baseUrl: z.ZodString;
        model: z.ZodOptional<z.ZodString>;
    }, z.core.$strip>>;
}, z.core.$strip>;
export type AppInfo = z.infer<typeof AppInfo>;
/** Upper bound of one upload (the bridge refuses bigger bodies before parsing). */
export declare const MAX_UPLOAD_BYTES: number;
export declare const channels: {
    readonly 'app.info': {
        input: z.ZodObject<{}, z.core.$strict>;
        output: z.ZodObject<{
            mode: z.ZodEnum<{
                electron: "electron";
                browser: "browser";
            }>;
            version: z.ZodString;
            nativeDialogs: z.ZodBoolean;
            themes: z.ZodArray<z.ZodString>;
            presets: z.ZodArray<z.ZodObject<{
                id: z.ZodString;
                label: z.ZodString;
                baseUrl: z.ZodString;
                model: z.ZodOptional<z.ZodString>;
            }, z.core.$strip>>;
        }, z.core.$strip>;
    };
    readonly 'projects.current': {
        input: z.ZodObject<{}, z.core.$strict>;
        output: z.ZodObject<{
            dir: z.ZodString;
            name: z.ZodString;
            createdAt: z.ZodString;
        }, z.core.$strip>;
    };
    readonly 'projects.recent': {
        input: z.ZodObject<{}, z.core.$strict>;
        output: z.ZodArray<z.ZodObject<{
            dir: z.ZodString;
            name: z.ZodString;
            createdAt: z.ZodString;
        }, z.core.$strip>>;
    };
    /** Without dir: the host shows a folder picker (Electron). With dir: only a recent project or, in browser mode, a typed path. */
    readonly 'projects.open': {
        input: z.ZodObject<{
            dir: z.ZodOptional<z.ZodString>;
        }, z.core.$strict>;
        output: z.ZodNullable<z.ZodObject<{
            dir: z.ZodString;
            name: z.ZodString;
            createdAt: z.ZodString;
        }, z.core.$strip>>;
    };
    readonly 'projects.create': {
        input: z.ZodObject<{
            name: z.ZodString;
            dir: z.ZodOptional<z.ZodString>;
        }, z.core.$strict>;
        output: z.ZodNullable<z.ZodObject<{
            dir: z.ZodString;
            name: z.ZodString;
            createdAt: z.ZodString;
        }, z.core.$strip>>;
    };
    readonly 'sources.list': {
        input: z.ZodObject<{}, z.core.$strict>;
        output: z.ZodArray<z.ZodObject<{
            id: z.ZodString;
            name: z.ZodString;
            kind: z.ZodEnum<{
                pdf: "pdf";
                image: "image";
                html: "html";
                url: "url";
            }>;
            status: z.ZodEnum<{
                ingesting: "ingesting";
                ready: "ready";
                failed: "failed";
            }>;
            progress: z.ZodOptional<z.ZodObject<{
                phase: z.ZodString;
                done: z.ZodNumber;
                total: z.ZodNumber;
            }, z.core.$strip>>;
            error: z.ZodOptional<z.ZodObject<{
                code: z.ZodString;
                message: z.ZodString;
            }, z.core.$strip>>;
            title: z.ZodOptional<z.ZodString>;
            pageCount: z.ZodOptional<z.ZodNumber>;
            figureCount: z.ZodOptional<z.ZodNumber>;
            tableCount: z.ZodOptional<z.ZodNumber>;
            addedAt: z.ZodString;
        }, z.core.$strip>>;
    };
    /** Native file picker (Electron); the chosen files are the only paths the main side reads. */
    readonly 'sources.pick': {
        input: z.ZodObject<{}, z.core.$strict>;
        output: z.ZodArray<z.ZodObject<{
            id: z.ZodString;
            name: z.ZodString;
            kind: z.ZodEnum<{
                pdf: "pdf";
                image: "image";
                html: "html";
                url: "url";
            }>;
            status: z.ZodEnum<{
                ingesting: "ingesting";
                ready: "ready";
                failed: "failed";
            }>;
            progress: z.ZodOptional<z.ZodObject<{
                phase: z.ZodString;
                done: z.ZodNumber;
                total: z.ZodNumber;
            }, z.core.$strip>>;
            error: z.ZodOptional<z.ZodObject<{
                code: z.ZodString;
                message: z.ZodString;
            }, z.core.$strip>>;
            title: z.ZodOptional<z.ZodString>;
            pageCount: z.ZodOptional<z.ZodNumber>;
            figureCount: z.ZodOptional<z.ZodNumber>;
            tableCount: z.ZodOptional<z.ZodNumber>;
            addedAt: z.ZodString;
        }, z.core.$strip>>;
    };
    /** Bytes of a dropped or uploaded file; written into the project's sources folder, then ingested. */
    readonly 'sources.upload': {
        input: z.ZodObject<{
            name: z.ZodString;
            data: z.ZodInstanceOf<Uint8Array<ArrayBuffer>>;
        }, z.core.$strict>;
        output: z.ZodObject<{
            id: z.ZodString;
            name: z.ZodString;
            kind: z.ZodEnum<{
                pdf: "pdf";
                image: "image";
                html: "html";
                url: "url";
            }>;
            status: z.ZodEnum<{
                ingesting: "ingesting";
                ready: "ready";
                failed: "failed";
            }>;
            progress: z.ZodOptional<z.ZodObject<{
                phase: z.ZodString;
                done: z.ZodNumber;
                total: z.ZodNumber;
            }, z.core.$strip>>;
            error: z.ZodOptional<z.ZodObject<{
                code: z.ZodString;
                message: z.ZodString;
            }, z.core.$strip>>;
            title: z.ZodOptional<z.ZodString>;
            pageCount: z.ZodOptional<z.ZodNumber>;
            figureCount: z.ZodOptional<z.ZodNumber>;
            tableCount: z.ZodOptional<z.ZodNumber>;
            addedAt: z.ZodString;
        }, z.core.$strip>;
    };
    readonly 'sources.addUrl': {
        input: z.ZodObject<{
            url: z.ZodURL;
        }, z.core.$strict>;
        output: z.ZodObject<{
            id: z.ZodString;
            name: z.ZodString;
            kind: z.ZodEnum<{
                pdf: "pdf";
                image: "image";
                html: "html";
                url: "url";
            }>;
            status: z.ZodEnum<{
                ingesting: "ingesting";
                ready: "ready";
                failed: "failed";
            }>;
            progress: z.ZodOptional<z.ZodObject<{
                phase: z.ZodString;
                done: z.ZodNumber;
                total: z.ZodNumber;
            }, z.core.$strip>>;
            error: z.ZodOptional<z.ZodObject<{
                code: z.ZodString;
                message: z.ZodString;
            }, z.core.$strip>>;
            title: z.ZodOptional<z.ZodString>;
            pageCount: z.ZodOptional<z.ZodNumber>;
            figureCount: z.ZodOptional<z.ZodNumber>;
            tableCount: z.ZodOptional<z.ZodNumber>;
            addedAt: z.ZodString;
        }, z.core.$strip>;
    };
    readonly 'sources.remove': {
        input: z.ZodObject<{
            id: z.ZodString;
        }, z.core.$strict>;
        output: z.ZodObject<{
            removed: z.ZodBoolean;
        }, z.core.$strip>;
    };
    readonly 'sources.get': {
        input: z.ZodObject<{
            id: z.ZodString;
        }, z.core.$strict>;
        output: z.ZodObject<{
            source: z.ZodObject<{
                id: z.ZodString;
                name: z.ZodString;
                kind: z.ZodEnum<{
                    pdf: "pdf";
                    image: "image";
                    html: "html";
                    url: "url";
                }>;
                status: z.ZodEnum<{
                    ingesting: "ingesting";
                    ready: "ready";
                    failed: "failed";
                }>;
                progress: z.ZodOptional<z.ZodObject<{
                    phase: z.ZodString;
                    done: z.ZodNumber;
                    total: z.ZodNumber;
                }, z.core.$strip>>;
                error: z.ZodOptional<z.ZodObject<{
                    code: z.ZodString;
                    message: z.ZodString;
                }, z.core.$strip>>;
                title: z.ZodOptional<z.ZodString>;
                pageCount: z.ZodOptional<z.ZodNumber>;
                figureCount: z.ZodOptional<z.ZodNumber>;
                tableCount: z.ZodOptional<z.ZodNumber>;
                addedAt: z.ZodString;
            }, z.core.$strip>;
            pages: z.ZodArray<z.ZodObject<{
                index: z.ZodNumber;
                width: z.ZodNumber;
                height: z.ZodNumber;
            }, z.core.$strip>>;
            figures: z.ZodArray<z.ZodObject<{
                id: z.ZodString;
                label: z.ZodString;
                caption: z.ZodString;
                page: z.ZodNumber;
                bbox: z.ZodTuple<[z.ZodNumber, z.ZodNumber, z.ZodNumber, z.ZodNumber], null>;
                asset: z.ZodOptional<z.ZodString>;
            }, z.core.$strip>>;
            tables: z.ZodArray<z.ZodObject<{
                id: z.ZodString;
                label: z.ZodString;
                caption: z.ZodString;
                page: z.ZodNumber;
                bbox: z.ZodTuple<[z.ZodNumber, z.ZodNumber, z.ZodNumber, z.ZodNumber], null>;
                asset: z.ZodOptional<z.ZodString>;
            }, z.core.$strip>>;
        }, z.core.$strip>;
    };
    readonly 'sources.page': {
        input: z.ZodObject<{
            id: z.ZodString;
            page: z.ZodNumber;
            size: z.ZodEnum<{
                thumb: "thumb";
                view: "view";
            }>;
        }, z.core.$strict>;
        output: z.ZodObject<{
            mime: z.ZodEnum<{
                "image/png": "image/png";
                "image/jpeg": "image/jpeg";
                "image/webp": "image/webp";
                "image/gif": "image/gif";
            }>;
            base64: z.ZodString;
            page: z.ZodNumber;
            width: z.ZodNumber;
            height: z.ZodNumber;
            pointWidth: z.ZodNumber;
            pointHeight: z.ZodNumber;
        }, z.core.$strip>;
    };
    readonly 'sources.asset': {
        input: z.ZodObject<{
            id: z.ZodString;
            asset: z.ZodString;
        }, z.core.$strict>;
        output: z.ZodObject<{
            mime: z.ZodEnum<{
                "image/png": "image/png";
                "image/jpeg": "image/jpeg";
                "image/webp": "image/webp";
                "image/gif": "image/gif";
            }>;
            base64: z.ZodString;
        }, z.core.$strip>;
    };
    readonly 'skills.list': {
        input: z.ZodObject<{}, z.core.$strict>;
        output: z.ZodArray<z.ZodObject<{
            id: z.ZodString;
            name: z.ZodString;
            description: z.ZodString;
            status: z.ZodEnum<{
                ready: "ready";
                "prompt-only": "prompt-only";
                broken: "broken";
            }>;
            error: z.ZodOptional<z.ZodString>;
            inputs: z.ZodArray<z.ZodString>;
            minInputs: z.ZodNumber;
            maxInputs: z.ZodNumber;
            outputs: z.ZodArray<z.ZodString>;
            provider: z.ZodEnum<{
                optional: "optional";
                none: "none";
                required: "required";
            }>;
            goal: z.ZodEnum<{
                optional: "optional";
                none: "none";
                required: "required";
            }>;
            options: z.ZodArray<z.ZodObject<{
                name: z.ZodString;
                type: z.ZodEnum<{
                    string: "string";
                    number: "number";
                    boolean: "boolean";
                    enum: "enum";
                }>;
                values: z.ZodOptional<z.ZodArray<z.ZodString>>;
                default: z.ZodOptional<z.ZodUnion<readonly [z.ZodString, z.ZodNumber, z.ZodBoolean]>>;
                description: z.ZodString;
            }, z.core.$strip>>;
        }, z.core.$strip>>;
    };
    readonly 'research.start': {
        input: z.ZodObject<{
            skillId: z.ZodString;
            goal: z.ZodString;
            sourceIds: z.ZodArray<z.ZodString>;
            options: z.ZodDefault<z.ZodRecord<z.ZodString, z.ZodUnion<readonly [z.ZodString, z.ZodNumber, z.ZodBoolean]>>>;
            providerId: z.ZodOptional<z.ZodString>;
        }, z.core.$strict>;
        output: z.ZodObject<{
            id: z.ZodString;
            skillId: z.ZodString;
            goal: z.ZodString;
            sourceIds: z.ZodArray<z.ZodString>;
            options: z.ZodRecord<z.ZodString, z.ZodUnion<readonly [z.ZodString, z.ZodNumber, z.ZodBoolean]>>;
            providerId: z.ZodString;
            status: z.ZodEnum<{
                failed: "failed";
                done: "done";
                running: "running";
                cancelled: "cancelled";
            }>;
            startedAt: z.ZodString;
            endedAt: z.ZodOptional<z.ZodString>;
            attempts: z.ZodNumber;
            error: z.ZodOptional<z.ZodObject<{
                code: z.ZodString;
                message: z.ZodString;
            }, z.core.$strip>>;
            summary: z.ZodOptional<z.ZodString>;
            outputs: z.ZodArray<z.ZodObject<{
                kind: z.ZodString;
                label: z.ZodString;
                path: z.ZodString;
                name: z.ZodString;
            }, z.core.$strip>>;
        }, z.core.$strip>;
    };
    readonly 'research.cancel': {
        input: z.ZodObject<{
            runId: z.ZodString;
        }, z.core.$strict>;
        output: z.ZodObject<{
            id: z.ZodString;
            skillId: z.ZodString;
            goal: z.ZodString;
            sourceIds: z.ZodArray<z.ZodString>;
            options: z.ZodRecord<z.ZodString, z.ZodUnion<readonly [z.ZodString, z.ZodNumber, z.ZodBoolean]>>;
            providerId: z.ZodString;
            status: z.ZodEnum<{
                failed: "failed";
                done: "done";
                running: "running";
                cancelled: "cancelled";
            }>;
            startedAt: z.ZodString;
            endedAt: z.ZodOptional<z.ZodString>;
            attempts: z.ZodNumber;
            error: z.ZodOptional<z.ZodObject<{
                code: z.ZodString;
                message: z.ZodString;
            }, z.core.$strip>>;
            summary: z.ZodOptional<z.ZodString>;
            outputs: z.ZodArray<z.ZodObject<{
                kind: z.ZodString;
                label: z.ZodString;
                path: z.ZodString;
                name: z.ZodString;
            }, z.core.$strip>>;
        }, z.core.$strip>;
    };
    readonly 'research.resume': {
        input: z.ZodObject<{
            runId: z.ZodString;
        }, z.core.$strict>;
        output: z.ZodObject<{
            id: z.ZodString;
            skillId: z.ZodString;
            goal: z.ZodString;
            sourceIds: z.ZodArray<z.ZodString>;
            options: z.ZodRecord<z.ZodString, z.ZodUnion<readonly [z.ZodString, z.ZodNumber, z.ZodBoolean]>>;
            providerId: z.ZodString;
            status: z.ZodEnum<{
                failed: "failed";
                done: "done";
                running: "running";
                cancelled: "cancelled";
            }>;
            startedAt: z.ZodString;
            endedAt: z.ZodOptional<z.ZodString>;
            attempts: z.ZodNumber;
            error: z.ZodOptional<z.ZodObject<{
                code: z.ZodString;
                message: z.ZodString;
            }, z.core.$strip>>;
            summary: z.ZodOptional<z.ZodString>;
            outputs: z.ZodArray<z.ZodObject<{
                kind: z.ZodString;
                label: z.ZodString;
                path: z.ZodString;
                name: z.ZodString;
            }, z.core.$strip>>;
        }, z.core.$strip>;
    };
    readonly 'research.list': {
        input: z.ZodObject<{}, z.core.$strict>;
        output: z.ZodArray<z.ZodObject<{
            id: z.ZodString;
            skillId: z.ZodString;
            goal: z.ZodString;
            sourceIds: z.ZodArray<z.ZodString>;
            options: z.ZodRecord<z.ZodString, z.ZodUnion<readonly [z.ZodString, z.ZodNumber, z.ZodBoolean]>>;
            providerId: z.ZodString;
            status: z.ZodEnum<{
                failed: "failed";
                done: "done";
                running: "running";
                cancelled: "cancelled";
            }>;
            startedAt: z.ZodString;
            endedAt: z.ZodOptional<z.ZodString>;
            attempts: z.ZodNumber;
            error: z.ZodOptional<z.ZodObject<{
                code: z.ZodString;
                message: z.ZodString;
            }, z.core.$strip>>;
            summary: z.ZodOptional<z.ZodString>;
            outputs: z.ZodArray<z.ZodObject<{
                kind: z.ZodString;
                label: z.ZodString;
                path: z.ZodString;
                name: z.ZodString;
            }, z.core.$strip>>;
        }, z.core.$strip>>;
    };
    readonly 'research.trace': {
        input: z.ZodObject<{
            runId: z.ZodString;
        }, z.core.$strict>;
        output: z.ZodArray<z.ZodObject<{
            type: z.ZodString;
            message: z.ZodString;
            runId: z.ZodString;
            step: z.ZodOptional<z.ZodNumber>;
            t: z.ZodOptional<z.ZodNumber>;
        }, z.core.$catchall<z.ZodUnknown>>>;
    };
    readonly 'research.evidence': {
        input: z.ZodObject<{
            runId: z.ZodString;
        }, z.core.$strict>;
        output: z.ZodObject<{
            notes: z.ZodArray<z.ZodObject<{
                id: z.ZodString;
                text: z.ZodString;
                refs: z.ZodArray<z.ZodObject<{
                    sourceId: z.ZodString;
                    page: z.ZodNumber;
                    bbox: z.ZodOptional<z.ZodTuple<[z.ZodNumber, z.ZodNumber, z.ZodNumber, z.ZodNumber], null>>;
                }, z.core.$strip>>;
            }, z.core.$strip>>;
            visuals: z.ZodArray<z.ZodObject<{
                id: z.ZodString;
                caption: z.ZodString;
                ref: z.ZodObject<{
                    sourceId: z.ZodString;
                    page: z.ZodNumber;
                    bbox: z.ZodOptional<z.ZodTuple<[z.ZodNumber, z.ZodNumber, z.ZodNumber, z.ZodNumber], null>>;
                }, z.core.$strip>;
                image: z.ZodOptional<z.ZodObject<{
                    mime: z.ZodEnum<{
                        "image/png": "image/png";
                        "image/jpeg": "image/jpeg";
                        "image/webp": "image/webp";
                        "image/gif": "image/gif";
                    }>;
                    base64: z.ZodString;
                }, z.core.$strip>>;
            }, z.core.$strip>>;
        }, z.core.$strip>;
    };
    readonly 'export.preview': {
        input: z.ZodObject<{
            runId: z.ZodString;
        }, z.core.$strict>;
        output: z.ZodObject<{
            report: z.ZodOptional<z.ZodString>;
            site: z.ZodOptional<z.ZodString>;
            slides: z.ZodOptional<z.ZodArray<z.ZodString>>;
        }, z.core.$strip>;
    };
    /** Makes the export file; Electron asks where to save it, the browser mode downloads `path`. */
    readonly 'export.file': {
        input: z.ZodObject<{
            runId: z.ZodString;
            kind: z.ZodEnum<{
                site: "site";
                pptx: "pptx";
                markdown: "markdown";
            }>;
        }, z.core.$strict>;
        output: z.ZodObject<{
            path: z.ZodString;
            name: z.ZodString;
            savedTo: z.ZodNullable<z.ZodString>;
        }, z.core.$strip>;
    };
    readonly 'export.reveal': {
        input: z.ZodObject<{
            path: z.ZodString;
        }, z.core.$strict>;
        output: z.ZodObject<{
            shown: z.ZodBoolean;
            path: z.ZodString;
        }, z.core.$strip>;
    };
    readonly 'settings.get': {
        input: z.ZodObject<{}, z.core.$strict>;
        output: z.ZodObject<{
            appearance: z.ZodEnum<{
                system: "system";
                light: "light";
                dark: "dark";
            }>;
            deckTheme: z.ZodString;
            network: z.ZodBoolean;
            executionProvider: z.ZodEnum<{
                cpu: "cpu";
                cuda: "cuda";
                auto: "auto";
            }>;
            activeProviderId: z.ZodString;
            providers: z.ZodArray<z.ZodObject<{
                id: z.ZodString;
                label: z.ZodString;
                kind: z.ZodEnum<{
                    offline: "offline";
                    "openai-compatible": "openai-compatible";
                }>;
                preset: z.ZodOptional<z.ZodString>;
                baseUrl: z.ZodOptional<z.ZodURL>;
                model: z.ZodOptional<z.ZodString>;
                hasKey: z.ZodBoolean;
            }, z.core.$strip>>;
        }, z.core.$strip>;
    };
    readonly 'settings.set': {
        input: z.ZodObject<{
            appearance: z.ZodOptional<z.ZodEnum<{
                system: "system";
                light: "light";
                dark: "dark";
            }>>;
            deckTheme: z.ZodOptional<z.ZodString>;
            network: z.ZodOptional<z.ZodBoolean>;
            executionProvider: z.ZodOptional<z.ZodEnum<{
                cpu: "cpu";
                cuda: "cuda";
                auto: "auto";
            }>>;
            activeProviderId: z.ZodOptional<z.ZodString>;
        }, z.core.$strict>;
        output: z.ZodObject<{
            appearance: z.ZodEnum<{
                system: "system";
                light: "light";
                dark: "dark";
            }>;
            deckTheme: z.ZodString;
            network: z.ZodBoolean;
            executionProvider: z.ZodEnum<{
                cpu: "cpu";
                cuda: "cuda";
                auto: "auto";
            }>;
            activeProviderId: z.ZodString;
            providers: z.ZodArray<z.ZodObject<{
                id: z.ZodString;
                label: z.ZodString;
                kind: z.ZodEnum<{
                    offline: "offline";
                    "openai-compatible": "openai-compatible";
                }>;
                preset: z.ZodOptional<z.ZodString>;
                baseUrl: z.ZodOptional<z.ZodURL>;
                model: z.ZodOptional<z.ZodString>;
                hasKey: z.ZodBoolean;
            }, z.core.$strip>>;
        }, z.core.$strip>;
    };
    readonly 'settings.saveProvider': {
        input: z.ZodObject<{
            provider: z.ZodObject<{
                id: z.ZodString;
                label: z.ZodString;
                kind: z.ZodEnum<{
                    offline: "offline";
                    "openai-compatible": "openai-compatible";
                }>;
                preset: z.ZodOptional<z.ZodString>;
                baseUrl: z.ZodOptional<z.ZodURL>;
                model: z.ZodOptional<z.ZodString>;
            }, z.core.$strip>;
            apiKey: z.ZodOptional<z.ZodNullable<z.ZodString>>;
        }, z.core.$strict>;
        output: z.ZodObject<{
            appearance: z.ZodEnum<{
                system: "system";
                light: "light";
                dark: "dark";
            }>;
            deckTheme: z.ZodString;
            network: z.ZodBoolean;
            executionProvider: z.ZodEnum<{
                cpu: "cpu";
                cuda: "cuda";
                auto: "auto";
            }>;
            activeProviderId: z.ZodString;
            providers: z.ZodArray<z.ZodObject<{
                id: z.ZodString;
                label: z.ZodString;
                kind: z.ZodEnum<{
                    offline: "offline";
                    "openai-compatible": "openai-compatible";
                }>;
                preset: z.ZodOptional<z.ZodString>;
                baseUrl: z.ZodOptional<z.ZodURL>;
                model: z.ZodOptional<z.ZodString>;
                hasKey: z.ZodBoolean;
            }, z.core.$strip>>;
        }, z.core.$strip>;
    };
    readonly 'settings.removeProvider': {
        input: z.ZodObject<{
            id: z.ZodString;
        }, z.core.$strict>;
        output: z.ZodObject<{
            appearance: z.ZodEnum<{
                system: "system";
                light: "light";
                dark: "dark";
            }>;
            deckTheme: z.ZodString;
            network: z.ZodBoolean;
            executionProvider: z.ZodEnum<{
                cpu: "cpu";
                cuda: "cuda";
                auto: "auto";
            }>;
            activeProviderId: z.ZodString;
            providers: z.ZodArray<z.ZodObject<{
                id: z.ZodString;
                label: z.ZodString;
                kind: z.ZodEnum<{
                    offline: "offline";
                    "openai-compatible": "openai-compatible";
                }>;
                preset: z.ZodOptional<z.ZodString>;
                baseUrl: z.ZodOptional<z.ZodURL>;
                model: z.ZodOptional<z.ZodString>;
                hasKey: z.ZodBoolean;
            }, z.core.$strip>>;
        }, z.core.$strip>;
    };
};
export type Channels = typeof channels;
export type Channel = keyof Channels;
export type ChannelInput<C extends Channel> = z.input<Channels[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends Channel> = z.infer<Channels[C]['output']>;
export declare function isChannel(name: string): name is Channel;
export declare const events: {
    readonly 'sources.changed': z.ZodObject<{
        id: z.ZodString;
        name: z.ZodString;
        kind: z.ZodEnum<{
            pdf: "pdf";
            image: "image";
            html: "html";
            url: "url";
        }>;
        status: z.ZodEnum<{
            ingesting: "ingesting";
            ready: "ready";
            failed: "failed";
        }>;
        progress: z.ZodOptional<z.ZodObject<{
            phase: z.ZodString;
            done: z.ZodNumber;
            total: z.ZodNumber;
        }, z.core.$strip>>;
        error: z.ZodOptional<z.ZodObject<{
            code: z.ZodString;
            message: z.ZodString;
        }, z.core.$strip>>;
        title: z.ZodOptional<z.ZodString>;
        pageCount: z.ZodOptional<z.ZodNumber>;
        figureCount: z.ZodOptional<z.ZodNumber>;
        tableCount: z.ZodOptional<z.ZodNumber>;
        addedAt: z.ZodString;
    }, z.core.$strip>;
    readonly 'sources.removed': z.ZodObject<{
        id: z.ZodString;
    }, z.core.$strip>;
    readonly 'research.changed': z.ZodObject<{
        id: z.ZodString;
        skillId: z.ZodString;
        goal: z.ZodString;
        sourceIds: z.ZodArray<z.ZodString>;
        options: z.ZodRecord<z.ZodString, z.ZodUnion<readonly [z.ZodString, z.ZodNumber, z.ZodBoolean]>>;
        providerId: z.ZodString;
        status: z.ZodEnum<{
            failed: "failed";
            done: "done";
            running: "running";
            cancelled: "cancelled";
        }>;
        startedAt: z.ZodString;
        endedAt: z.ZodOptional<z.ZodString>;
        attempts: z.ZodNumber;
        error: z.ZodOptional<z.ZodObject<{
            code: z.ZodString;
            message: z.ZodString;
        }, z.core.$strip>>;
        summary: z.ZodOptional<z.ZodString>;
        outputs: z.ZodArray<z.ZodObject<{
            kind: z.ZodString;
            label: z.ZodString;
            path: z.ZodString;
            name: z.ZodString;
        }, z.core.$strip>>;
    }, z.core.$strip>;
    readonly 'research.event': z.ZodObject<{
        type: z.ZodString;
        message: z.ZodString;
        runId: z.ZodString;
        step: z.ZodOptional<z.ZodNumber>;
        t: z.ZodOptional<z.ZodNumber>;
    }, z.core.$catchall<z.ZodUnknown>>;
    readonly 'projects.changed': z.ZodObject<{
        dir: z.ZodString;
        name: z.ZodString;
        createdAt: z.ZodString;
    }, z.core.$strip>;
    readonly 'settings.changed': z.ZodObject<{
        appearance: z.ZodEnum<{
            system: "system";
            light: "light";
            dark: "dark";
        }>;
        deckTheme: z.ZodString;
        network: z.ZodBoolean;
        executionProvider: z.ZodEnum<{
            cpu: "cpu";
            cuda: "cuda";
            auto: "auto";
        }>;
        activeProviderId: z.ZodString;
        providers: z.ZodArray<z.ZodObject<{
            id: z.ZodString;
            label: z.ZodString;
            kind: z.ZodEnum<{
                offline: "offline";
                "openai-compatible": "openai-compatible";
            }>;
            preset: z.ZodOptional<z.ZodString>;
            baseUrl: z.ZodOptional<z.ZodURL>;
            model: z.ZodOptional<z.ZodString>;
            hasKey: z.ZodBoolean;
        }, z.core.$strip>>;
    }, z.core.$strip>;
    /** Something the person should know that belongs to no request (a worker crashed and was restarted). */
    readonly 'app.notice': z.ZodObject<{
        level: z.ZodEnum<{
            error: "error";
            info: "info";
            warning: "warning";
        }>;
        message: z.ZodString;
    }, z.core.$strip>;
};
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
export declare function isEventName(name: string): name is EventName;
export type Result<T> = {
    ok: true;
    data: T;
} | {
    ok: false;
    error: ErrorInfo;
};
